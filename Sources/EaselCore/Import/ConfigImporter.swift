/// Turns live Canvas into a config that plans to no changes against it: the pure half of
/// `easel import` (the REST half is `CanvasLiveReader.readForImport`).
///
/// Each choice below mirrors a rule of the planner, so the round trip is exact:
/// * a course's `published` is written for published and unpublished courses, left out for
///   concluded ones (the planner leaves an unset `published` alone);
/// * course dates are written only when the course restricts enrollments to them;
/// * only sections with a SIS id are written (others are "the default section");
/// * enrollments in roster states (active, invited, pending) are written as active, inactive
///   ones as `state: inactive`; concluded, deleted and rejected ones are history, left out
///   (the planner never withdraws them);
/// * `account` is written only for a course outside the root account.
public enum ConfigImporter {
    public static func build(_ live: LiveState, canvasUrl: String?, userKey: Policy.UserKey = .sisId) -> ImportedConfig {
        var config = Config()
        config.canvas.url = canvasUrl
        config.canvas.account = live.account.canvasId
        config.policy.userKey = userKey
        config.terms = live.terms.map { term in
            Term(id: term.sisId ?? term.canvasId, name: term.name, start: term.start, end: term.end, range: .synthetic())
        }

        var imported = ImportedConfig(config: config)
        let users = UserKeys(live.users, userKey: userKey)
        var roster = RosterBuilder(users: users, roles: live.roles)
        let termSis = Dictionary(live.terms.map { ($0.canvasId, $0.sisId ?? $0.canvasId) }, uniquingKeysWith: { a, _ in a })
        let termOrder = Dictionary(live.terms.enumerated().map { ($1.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        let accounts = AccountNames(live)
        let courses = live.courses.sorted {
            (termOrder[$0.termCanvasId ?? ""] ?? .max, $0.sisId ?? "~", Int($0.canvasId) ?? 0)
                < (termOrder[$1.termCanvasId ?? ""] ?? .max, $1.sisId ?? "~", Int($1.canvasId) ?? 0)
        }
        for live in courses where live.workflowState != "deleted" {
            var course = Course(id: live.sisId ?? "", name: live.name, code: live.code, range: .synthetic())
            if live.sisId == nil { course.canvasId = live.canvasId }
            course.term = live.termCanvasId.flatMap { termSis[$0] }.map { Ref($0) }
            let account = accounts.value(live.accountCanvasId)
            course.account = account
            switch live.workflowState {
            case "available": course.published = true
            case "completed": course.published = nil
            default: course.published = false
            }
            if live.restrictToDates, live.start != nil || live.end != nil {
                (course.start, course.end) = (live.start, live.end)
            }
            course.sections = live.sections.compactMap { section in
                section.sisId.map { Section(id: $0, name: section.name, start: section.start, end: section.end, range: .synthetic()) }
            }
            course.enrollments = roster.enrollments(of: live)

            let key = ImportedConfig.groupKey(course)
            imported.termGroup[key] = course.term?.id ?? "no-term"
            imported.accountGroup[key] = accounts.group(live.accountCanvasId)
            if live.sisId == nil {
                imported.unkeyedCourses.append(course)
            } else {
                imported.config.courses.append(course)
            }
        }

        imported.config.users = users.referenced(roster.referencedUsers)
        imported.config.roles = roster.usedRoles
        imported.warnings = roster.warnings(userKey: userKey, managedRoles: imported.config.policy.managedRoles)
        if !imported.unkeyedCourses.isEmpty {
            let n = imported.unkeyedCourses.count
            imported.warnings.append(
                "\(n) course\(n == 1 ? " has" : "s have") no SIS id (canvas \(imported.unkeyedCourses.compactMap(\.canvasId).listed())): "
                    + "written commented out with their canvas_id; give each an 'id' and uncomment it to manage it")
        }
        return imported
    }
}
