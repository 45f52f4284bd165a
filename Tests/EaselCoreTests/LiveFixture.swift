import EaselCore

/// Live states for planner tests: Canvas as a config would leave it, then edited by hand.
enum LiveFixture {
    /// The live state that a successful apply of `config` leaves behind.
    static func matching(_ config: Config) -> LiveState {
        var live = LiveState()
        var next = 100
        func id() -> String {
            next += 1
            return String(next)
        }
        for term in config.terms {
            live.terms.append(LiveTerm(canvasId: id(), sisId: term.id, name: term.name, start: term.start, end: term.end))
        }
        var users: [String: String] = [:]
        for user in config.users {
            let canvasId = id()
            users[user.key(config.policy.userKey)!] = canvasId
            live.users.append(LiveUser(
                canvasId: canvasId, sisId: user.id, login: user.login, name: user.name, sortableName: user.sortableName,
                email: user.email))
        }
        for course in config.courses {
            var c = LiveCourse(
                canvasId: course.canvasId ?? id(), sisId: course.id, name: course.name, code: course.code,
                termCanvasId: course.term.flatMap { t in live.terms.first { $0.sisId == t.id }?.canvasId },
                accountCanvasId: "1", workflowState: course.published == true ? "available" : "unpublished",
                start: course.start, end: course.end, restrictToDates: course.start != nil || course.end != nil)
            let defaultSection = LiveSection(canvasId: id(), sisId: nil, name: course.name)
            c.sections = [defaultSection] + course.sections.map { LiveSection(canvasId: id(), sisId: $0.id, name: $0.name, start: $0.start, end: $0.end) }
            for e in course.enrollments {
                let section = e.section.flatMap { s in c.sections.first { $0.sisId == s.id } } ?? defaultSection
                c.enrollments.append(LiveEnrollment(
                    canvasId: id(), userCanvasId: users[e.user.id]!, role: e.role, sectionCanvasId: section.canvasId,
                    state: e.state.rawValue, associatedUserCanvasId: e.observing.flatMap { users[$0.id] }))
            }
            live.courses.append(c)
        }
        return live
    }
}

extension LiveState {
    mutating func editCourse(_ sisId: String, _ change: (inout LiveCourse) -> Void) {
        let i = courses.firstIndex { $0.sisId == sisId }!
        change(&courses[i])
    }

    func user(_ sisId: String) -> LiveUser { users.first { $0.sisId == sisId }! }
}
