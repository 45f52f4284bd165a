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
    func values(for op: PlanOperation) -> PlanValues { op.kind.resource.liveValues(of: op, in: self) }

}
