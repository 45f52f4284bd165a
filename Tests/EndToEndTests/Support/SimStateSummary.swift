import CanvasSim

/// A simulator's state as sorted lines that name objects by SIS id (or by their course and
/// name when they have none), so two simulators that were changed through different
/// paths compare equal when they hold the same things: Canvas ids, timestamps,
/// `sis_import_id` and stickiness are left out.
struct SimStateSummary: Equatable, CustomStringConvertible {
    var lines: [String]

    init(_ s: SimState) {
        let termKey = Dictionary(s.terms.map { ($0.id, $0.sisTermId ?? ($0.isDefault ? "(default)" : "term:\($0.name ?? "")")) }, uniquingKeysWith: { a, _ in a })
        let courseKey = Dictionary(s.courses.map { ($0.id, $0.sisCourseId ?? "course:\($0.name)") }, uniquingKeysWith: { a, _ in a })
        let sectionKey = Dictionary(
            s.sections.map { ($0.id, $0.sisSectionId ?? "\(courseKey[$0.courseId] ?? "?")/\($0.defaultSection ? "(default)" : $0.name)") },
            uniquingKeysWith: { a, _ in a })
        let userKey = Dictionary(
            s.logins.sorted { ($0.sisUserId == nil ? 1 : 0, $0.id) < ($1.sisUserId == nil ? 1 : 0, $1.id) }.reversed()
                .map { ($0.userId, $0.sisUserId ?? "login:\($0.uniqueId)") },
            uniquingKeysWith: { _, b in b })
        let accountKey = Dictionary(s.accounts.map { ($0.id, $0.sisAccountId ?? "account:\($0.name)") }, uniquingKeysWith: { a, _ in a })
        let roleKey = Dictionary(s.roles.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        func t(_ ts: Timestamp?) -> String { ts?.iso8601 ?? "-" }

        var lines: [String] = []
        for x in s.terms {
            lines.append("term \(termKey[x.id]!) name=\(x.name ?? "-") \(x.workflowState) \(t(x.startAt))..\(t(x.endAt))")
        }
        for c in s.courses {
            // Without dates, whether enrollments are restricted to them changes nothing.
            let restrict = c.startAt == nil && c.endAt == nil ? false : c.restrictEnrollmentsToCourseDates
            lines.append(
                "course \(courseKey[c.id]!) name=\(c.name) code=\(c.courseCode) term=\(termKey[c.termId] ?? "?") "
                    + "account=\(accountKey[c.accountId] ?? "?") \(c.workflowState) \(t(c.startAt))..\(t(c.endAt)) restrict=\(restrict)")
        }
        for x in s.sections {
            let restrict = x.startAt == nil && x.endAt == nil ? false : x.restrictEnrollmentsToSectionDates
            lines.append(
                "section \(sectionKey[x.id]!) course=\(courseKey[x.courseId] ?? "?") name=\(x.name) \(x.workflowState) "
                    + "\(t(x.startAt))..\(t(x.endAt)) restrict=\(restrict)")
        }
        for u in s.users {
            // No short name: easel does not manage it, and canvas-sim's API rename keeps the old
            // one while its SIS importer follows the new name (Canvas stores none and shows the name).
            lines.append("user \(userKey[u.id] ?? "user:\(u.name)") name=\(u.name) sortable=\(u.sortableName) \(u.workflowState)")
        }
        for l in s.logins {
            lines.append("login \(l.uniqueId) user=\(userKey[l.userId] ?? "?") sis=\(l.sisUserId ?? "-") provider=\(l.authenticationProviderId.map(String.init) ?? "-") \(l.workflowState)")
        }
        for ch in s.communicationChannels {
            lines.append("channel \(userKey[ch.userId] ?? "?") \(ch.type) \(ch.address) \(ch.workflowState)")
        }
        for e in s.enrollments {
            lines.append(
                "enrollment \(courseKey[e.courseId] ?? "?") \(sectionKey[e.courseSectionId] ?? "?") \(userKey[e.userId] ?? "?") "
                    + "\(e.type) \(roleKey[e.roleId] ?? "?") observing=\(e.associatedUserId.flatMap { userKey[$0] } ?? "-") \(e.workflowState)")
        }
        self.lines = lines.sorted()
    }

    var description: String { lines.joined(separator: "\n") }

    /// The lines only one side has, marked `-` (this side) and `+` (the other).
    func difference(_ other: SimStateSummary) -> String {
        let mine = Set(lines), theirs = Set(other.lines)
        return (lines.filter { !theirs.contains($0) }.map { "- \($0)" } + other.lines.filter { !mine.contains($0) }.map { "+ \($0)" })
            .joined(separator: "\n")
    }
}
