import CanvasSim

/// Turns a district's matching seed into one where people have edited Canvas by hand.
///
/// With share `d`: `d` of the courses renamed, `d` of the users renamed (a preferred first
/// name), and `d` of the enrollments drifted, split evenly between enrollments deleted
/// (missing), students added by hand (extra), enrollments concluded, and students moved to
/// another section of their course (when courses have two sections or more). One extra in
/// five is an observer, whose role easel does not manage: the plan must leave those alone.
public enum DriftMaker {
    public static func drift(_ district: District) -> (seed: SimSeed, report: DriftReport) {
        let share = district.options.drift
        var rng = SplitMix64(seed: district.options.seed ^ 0xD21F_7D21_F7D2_1F7D)
        var seed = district.matchingSeed()
        var report = DriftReport(share: share)
        func add(_ kind: DriftReport.Kind, _ detail: String) { report.items.append(.init(kind: kind, detail: detail)) }

        // Courses renamed by their teachers.
        for i in rng.distinct(Int((share * Double(district.courses.count)).rounded()), of: district.courses.count).sorted() {
            let course = district.courses[i]
            let renamed = [
                "\(course.name) (Copy)", "\(course.name) - \(course.sections.first?.name ?? "Period 1")", course.name.uppercased(),
                "\(course.code) \(course.name)",
            ][rng.below(4)]
            seed.courses[i].name = renamed
            add(.renamedCourse, "\(course.id): '\(course.name)' -> '\(renamed)'")
        }

        // Users who go by another first name now.
        for i in rng.distinct(Int((share * Double(district.users.count)).rounded()), of: district.users.count).sorted() {
            let user = district.users[i]
            let parts = user.sortableName.components(separatedBy: ", ")
            let (last, first) = (parts[0], parts.count > 1 ? parts[1] : "")
            var preferred = rng.pick(NameBank.firstNames)
            while preferred == first { preferred = rng.pick(NameBank.firstNames) }
            seed.users[i].name = "\(preferred) \(last)"
            seed.users[i].sortableName = "\(last), \(preferred)"
            add(.renamedUser, "\(user.id): '\(user.name)' -> '\(preferred) \(last)'")
        }

        // Enrollments: seed.enrollments lists each course's enrollments in order.
        var courseOf: [Int] = []
        var studentRows: [Int] = []
        for (c, course) in district.courses.enumerated() {
            for e in course.enrollments {
                if e.role == "student" { studentRows.append(courseOf.count) }
                courseOf.append(c)
            }
        }
        let perKind = Int((share * Double(courseOf.count) / 4).rounded())
        let movable = district.options.sectionsPerCourse >= 2
        let picked = rng.distinct(perKind * (movable ? 3 : 2), of: studentRows.count).map { studentRows[$0] }
        let missing = Set(picked.prefix(perKind))
        let concluded = picked.dropFirst(perKind).prefix(perKind).sorted()
        let moved = movable ? picked.dropFirst(2 * perKind).sorted() : []

        func describe(_ row: Int) -> String {
            let e = seed.enrollments[row]
            return "\(district.courses[courseOf[row]].id): \(ref(e.user)) \(e.role ?? e.type ?? "student") in \(e.section.map(ref) ?? "the default section")"
        }
        for row in concluded {
            seed.enrollments[row].state = "completed"
            add(.concludedEnrollment, describe(row))
        }
        for row in moved {
            let sections = district.courses[courseOf[row]].sections.map(\.id)
            guard case .sis(let from)? = seed.enrollments[row].section, let i = sections.firstIndex(of: from) else { continue }
            let to = sections[(i + 1) % sections.count]
            seed.enrollments[row].section = .sis(to)
            add(.movedEnrollment, "\(district.courses[courseOf[row]].id): \(ref(seed.enrollments[row].user)) from \(from) to \(to)")
        }
        for row in missing.sorted() { add(.missingEnrollment, describe(row)) }

        // Students (and some observers) enrolled by hand in a course of their school.
        var students = [[String]](repeating: [], count: max(1, district.subAccounts.count))
        for u in district.users where !u.isStaff { students[u.school].append(u.id) }
        var taken = Set(district.courses.enumerated().flatMap { c, course in course.enrollments.map { "\(c)/\($0.user)" } })
        var extras: [EnrollmentSeed] = []
        for n in 0..<perKind {
            let c = rng.below(district.courses.count)
            let course = district.courses[c]
            let pool = students[schoolIndex(of: course, district)]
            guard !pool.isEmpty else { continue }
            var user = rng.pick(pool)
            var tries = 0
            while !taken.insert("\(c)/\(user)").inserted, tries < 50 {
                user = rng.pick(pool)
                tries += 1
            }
            guard tries < 50 else { continue }
            let section = course.sections.isEmpty || rng.below(3) == 0 ? nil : rng.pick(course.sections).id
            let observer = n % 5 == 4
            extras.append(EnrollmentSeed(
                user: .sis(user), course: .sis(course.id), section: section.map { .sis($0) }, type: observer ? "observer" : "student",
                state: "active"))
            let detail = "\(course.id): \(user) \(observer ? "observer" : "student") in \(section ?? "the default section")"
            add(observer ? .unmanagedEnrollment : .extraEnrollment, detail)
        }
        seed.enrollments = seed.enrollments.enumerated().filter { !missing.contains($0.offset) }.map(\.element) + extras
        return (seed, report)
    }

    private static func schoolIndex(of course: District.Course, _ district: District) -> Int {
        district.subAccounts.firstIndex { $0.sisId == course.account } ?? 0
    }

    private static func ref(_ r: SeedRef) -> String {
        switch r {
        case .id(let id): "\(id)"
        case .sis(let s): s
        }
    }
}
