/// SIS stickiness (`lib/sticky_sis_fields.rb`): a change made through the API to a sticky field marks it
/// "stuck", and later SIS imports leave stuck fields alone unless they override stickiness.
/// The API itself always writes (its `override_sis_stickiness` defaults to true) and marks
/// what it changed. Creating an object through the API marks nothing; enrollment status is
/// never sticky.
enum Sticky {
    static func changed(_ a: Course, _ b: Course) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name") }
        if a.courseCode != b.courseCode { out.append("course_code") }
        if a.startAt != b.startAt { out.append("start_at") }
        if a.endAt != b.endAt { out.append("conclude_at") }
        if a.restrictEnrollmentsToCourseDates != b.restrictEnrollmentsToCourseDates { out.append("restrict_enrollments_to_course_dates") }
        if a.termId != b.termId { out.append("enrollment_term_id") }
        if a.workflowState != b.workflowState { out.append("workflow_state") }
        if a.accountId != b.accountId { out.append("account_id") }
        return out
    }

    static func changed(_ a: Section, _ b: Section) -> [String] {
        var out: [String] = []
        if a.courseId != b.courseId { out.append("course_id") }
        if a.name != b.name { out.append("name") }
        if a.startAt != b.startAt { out.append("start_at") }
        if a.endAt != b.endAt { out.append("end_at") }
        if a.restrictEnrollmentsToSectionDates != b.restrictEnrollmentsToSectionDates { out.append("restrict_enrollments_to_section_dates") }
        return out
    }

    static func changed(_ a: Term, _ b: Term) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name") }
        if a.startAt != b.startAt { out.append("start_at") }
        if a.endAt != b.endAt { out.append("end_at") }
        return out
    }

    static func changed(_ a: Account, _ b: Account) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name") }
        if a.parentAccountId != b.parentAccountId { out.append("parent_account_id") }
        return out
    }

    static func changed(_ a: User, _ b: User) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name") }
        if a.sortableName != b.sortableName { out.append("sortable_name") }
        if a.shortName != b.shortName { out.append("short_name") }
        return out
    }

    static func changed(_ a: Login, _ b: Login) -> [String] {
        var out: [String] = []
        if a.uniqueId != b.uniqueId { out.append("unique_id") }
        if a.workflowState != b.workflowState { out.append("workflow_state") }
        return out
    }

    static func changed(_ a: Enrollment, _ b: Enrollment) -> [String] {
        var out: [String] = []
        if a.startAt != b.startAt { out.append("start_at") }
        if a.endAt != b.endAt { out.append("end_at") }
        return out
    }

    static func removing(_ field: String, from stuck: [String]?) -> [String]? {
        let rest = (stuck ?? []).filter { $0 != field }
        return rest.isEmpty ? nil : rest
    }

    /// `stuck` plus `fields`, sorted; nil when empty.
    static func adding(_ fields: [String], to stuck: [String]?) -> [String]? {
        guard !fields.isEmpty else { return stuck }
        let all = Set(stuck ?? []).union(fields)
        return all.isEmpty ? nil : all.sorted()
    }
}

/// How one SIS import writes sticky fields of one object: it skips stuck fields unless it
/// overrides stickiness; with the override, `add_sis_stickiness` marks what it changed and
/// `clear_sis_stickiness` (which wins) leaves the object with no stuck field at all, the ones
/// the row did not write included (`set_sis_stickiness` in `lib/sticky_sis_fields.rb` writes
/// an empty list on every save under `clear_sis_stickiness`).
struct StickyWriter {
    let override: Bool
    let add: Bool
    let clear: Bool
    private(set) var stuck: Set<String>
    private(set) var changed = false

    init(_ options: SISImportOptions, stuck: [String]?) {
        override = options.overrideSisStickiness
        add = options.addSisStickiness
        clear = options.clearSisStickiness
        self.stuck = Set(stuck ?? [])
    }

    /// Whether the import may write `field`.
    func may(_ field: String) -> Bool { override || !stuck.contains(field) }

    mutating func set<T: Equatable>(_ field: String, _ target: inout T, _ value: T) {
        guard may(field) else { return }
        if target != value {
            target = value
            changed = true
            if override && add && !clear { stuck.insert(field) }
        }
        if override && clear { stuck.remove(field) }
    }

    var result: [String]? { (override && clear) || stuck.isEmpty ? nil : stuck.sorted() }
}
