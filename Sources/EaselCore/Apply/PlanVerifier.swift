/// Checks a saved plan against live Canvas before it is applied: every operation's
/// precondition (`expect`) must still hold, or the admin re-plans.
public struct PlanVerifier: Sendable {
    public let reader: any LiveReader

    public init(reader: any LiveReader) { self.reader = reader }

    /// What moved under the plan since it was made; empty when the plan still applies.
    public func changesSince(_ plan: Plan) async throws -> [String] {
        try await check(plan).changes
    }

    /// The changes since the plan was made, and the live state read to find them (what a
    /// SIS import needs to restate the attributes the plan leaves alone).
    public func check(_ plan: Plan) async throws -> (changes: [String], live: LiveState) {
        let live = try await reader.read(Self.scope(of: plan))
        return (Self.changes(plan, live), live)
    }

    /// Reads only what the plan touches.
    static func scope(of plan: Plan) -> PlanScope {
        var terms: [String] = [], courses: [String] = [], mapped: [String] = [], users: [String] = []
        for op in plan.operations {
            switch op.kind {
            case .term: terms.append(op.id)
            case .course: if op.action == .adopt, let id = op.canvasId { mapped.append(id) } else { courses.append(op.id) }
            case .section, .enrollment: if let c = op.course { courses.append(c) }
            case .user: users.append(op.id)
            }
            for u in [op.user, op.observing].compactMap({ $0 }) where !u.hasPrefix("canvas:") { users.append(u) }
        }
        func unique(_ a: [String]) -> [String] {
            var seen = Set<String>()
            return a.filter { seen.insert($0).inserted }
        }
        return PlanScope(
            termIds: unique(terms), courseIds: unique(courses), mappedCanvasIds: unique(mapped), userKeys: unique(users),
            userKey: plan.userKey, pruneTerms: false, account: plan.account)
    }

    static func changes(_ plan: Plan, _ live: LiveState) -> [String] {
        let view = LiveView(live, userKey: plan.userKey)
        var moved: [String] = []
        for op in plan.operations {
            guard let expect = op.expect else { continue }
            let found = view.values(for: op)
            for (key, wanted) in expect.sorted(by: { $0.key < $1.key }) {
                let actual = found[key] ?? .null
                if actual != wanted {
                    moved.append("\(op.kind.rawValue) \(op.id): \(key) was \(wanted) when planned, is \(actual) now")
                }
            }
        }
        return moved
    }
}

/// Live values under the names a plan's operations use.
struct LiveView {
    /// The same index the planner reads live Canvas through.
    let index: LiveIndex
    var live: LiveState { index.live }
    var userKey: Policy.UserKey { index.userKey }
    var terms: [String: LiveTerm] { index.termsBySis }
    var courses: [String: LiveCourse] { index.coursesBySis }
    var coursesByCanvasId: [String: LiveCourse] { index.coursesByCanvasId }
    var users: [String: LiveUser] { index.usersByKey }
    var usersByCanvasId: [String: LiveUser] { index.usersByCanvasId }

    init(_ live: LiveState, userKey: Policy.UserKey) {
        index = LiveIndex(live, userKey: userKey)
    }

    static let missing = PlanValues([CommonAttribute.exists: .bool(false)])

    /// The live values of the attributes an operation's precondition may name.
    func values(for op: PlanOperation) -> [String: PlanValue] {
        switch op.kind {
        case .term:
            guard let t = terms[op.id] else { return Self.missing }
            return PlanValues([
                TermAttribute.exists: .bool(!t.isDeleted), .state: .string(t.workflowState), .name: .string(t.name),
                .start: PlanValue(t.start), .end: PlanValue(t.end),
            ])
        case .course:
            guard let c = op.action == .adopt ? op.canvasId.flatMap({ coursesByCanvasId[$0] }) : courses[op.id] else {
                return Self.missing
            }
            let termSis = c.termCanvasId.flatMap { id in live.terms.first { $0.canvasId == id }?.sisId }
            let account = c.accountCanvasId.flatMap { id in live.subAccounts.first { $0.canvasId == id }?.sisId.map { "sis_account_id:\($0)" } } ?? c.accountCanvasId
            return PlanValues([
                CourseAttribute.exists: .bool(!c.isDeleted), .state: .string(c.workflowState), .sisId: PlanValue(c.sisId),
                .name: .string(c.name), .code: .string(c.code), .published: .bool(c.workflowState == "available"),
                .term: termSis.map { .string($0) } ?? c.termCanvasId.map { .string("canvas:\($0)") } ?? .null,
                .account: PlanValue(account),
                .start: c.restrictToDates ? PlanValue(c.start) : .null, .end: c.restrictToDates ? PlanValue(c.end) : .null,
            ])
        case .section:
            guard let c = op.course.flatMap({ courses[$0] }), let s = c.sections.first(where: { $0.sisId == op.id }) else {
                return Self.missing
            }
            return PlanValues([SectionAttribute.exists: .bool(true), .name: .string(s.name), .start: PlanValue(s.start), .end: PlanValue(s.end)])
        case .user:
            guard let u = index.user(op.id) else { return Self.missing }
            return PlanValues([
                UserAttribute.exists: .bool(!u.isDeleted), .state: .string(u.workflowState), .name: .string(u.name),
                .sortableName: PlanValue(u.sortableName), .email: PlanValue(u.email), .login: PlanValue(u.login),
            ])
        case .enrollment:
            guard let c = op.course.flatMap({ courses[$0] }) else { return Self.missing }
            if let id = op.canvasId, let e = c.enrollments.first(where: { $0.canvasId == id }) {
                return PlanValues([EnrollmentAttribute.exists: .bool(true), .state: .string(e.state)])
            }
            // A create expects no enrollment of that user, role and section on the roster.
            let userId = op.user.flatMap { users[userKey == .login ? $0.lowercased() : $0]?.canvasId }
            let sectionId = op.section.flatMap { s in c.sections.first { $0.sisId == s }?.canvasId }
            let enrolled = c.enrollments.contains { e in
                e.isEnrolled && e.userCanvasId == userId && e.role == op.role
                    && (sectionId == nil ? c.sections.first { $0.canvasId == e.sectionCanvasId }?.sisId == nil : e.sectionCanvasId == sectionId)
            }
            return PlanValues([EnrollmentAttribute.exists: .bool(enrolled)])
        }
    }
}
