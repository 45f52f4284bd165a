/// The planner's working state: indexes over config and live, and the operations so far.
final class PlanDraft {
    let config: Config
    let live: LiveState
    let options: PlanOptions

    var ops: [PlanOperation] = []
    private var opIndex: [String: Int] = [:]
    var problems: [String] = []
    var warnings: [String] = []

    let index: LiveIndex
    var liveTerms: [String: LiveTerm] { index.termsBySis }
    var liveTermsByCanvasId: [String: LiveTerm] { index.termsByCanvasId }
    /// Config course id → how it matched a live course (`matchCourses`).
    let courseMatches: [String: CourseMatch]
    /// Config course id → its live twin, when it exists and is not deleted.
    let liveCourse: [String: LiveCourse]
    var liveCoursesBySis: [String: LiveCourse] { index.coursesBySis }
    var liveCoursesByCanvasId: [String: LiveCourse] { index.coursesByCanvasId }
    var liveUsers: [String: LiveUser] { index.usersByKey }
    var liveUsersByCanvasId: [String: LiveUser] { index.usersByCanvasId }
    let customRoles: [String: CustomRole]
    let configTerms: [String: Term]
    let userKey: Policy.UserKey

    init(config: Config, live: LiveState, options: PlanOptions) {
        self.config = config
        self.live = live
        self.options = options
        userKey = config.policy.userKey
        index = LiveIndex(live, userKey: config.policy.userKey)
        courseMatches = Self.matchCourses(config, index)
        liveCourse = courseMatches.compactMapValues(\.twin)
        customRoles = Dictionary(config.roles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        configTerms = Dictionary(config.terms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func configKey(_ userId: String) -> String { index.userKey(userId) }

    // MARK: operations

    @discardableResult
    func add(_ op: PlanOperation) -> PlanOperation {
        opIndex[op.address] = ops.count
        ops.append(op)
        return op
    }

    func op(_ address: String) -> PlanOperation? { opIndex[address].map { ops[$0] } }

    func update(_ address: String, _ change: (inout PlanOperation) -> Void) {
        if let i = opIndex[address] { change(&ops[i]) }
    }

    /// The address of an operation that creates or revives an object, if the plan has one.
    func creating(_ address: String) -> String? {
        guard let op = op(address) else { return nil }
        return op.action == .create || op.revive == true || op.action == .adopt ? address : nil
    }

    /// Creates and updates by kind (terms first); then withdraws in reverse kind order.
    func ordered() -> [PlanOperation] {
        let indexed = ops.enumerated().map { ($0.offset, $0.element) }
        let forward = indexed.filter { !$0.1.action.isWithdraw }.sorted { ($0.1.kind, $0.0) < ($1.1.kind, $1.0) }
        let backward = indexed.filter { $0.1.action.isWithdraw }.sorted { ($1.1.kind, $0.0) < ($0.1.kind, $1.0) }
        return (forward + backward).map(\.1)
    }

    // MARK: values

    /// The Canvas id of an account written `1` or `sis_account_id:HS`.
    func accountCanvasId(_ ref: String) -> String? {
        if ref.isDigits { return ref }
        let sis = String(ref.dropFirst("sis_account_id:".count))
        if live.account.sisId == sis { return live.account.canvasId }
        return live.subAccounts.first { $0.sisId == sis }?.canvasId
    }

    func accountLabel(canvasId: String?) -> PlanValue {
        guard let canvasId else { return .null }
        if let sub = live.subAccounts.first(where: { $0.canvasId == canvasId }), let sis = sub.sisId {
            return .string("sis_account_id:\(sis)")
        }
        return .string(canvasId)
    }

    func termLabel(canvasId: String?) -> PlanValue {
        guard let canvasId else { return .null }
        return .string(liveTermsByCanvasId[canvasId]?.sisId ?? "canvas:\(canvasId)")
    }
}

extension Array where Element == String {
    /// `a, b and 3 more`
    func listed(max: Int = 5) -> String {
        count <= max ? joined(separator: ", ") : prefix(max).joined(separator: ", ") + " and \(count - max) more"
    }
}
