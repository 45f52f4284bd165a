import CanvasAPI

/// Runs plan operations through the Canvas REST API.
///
/// Each create goes through the client's write-with-read-back, so a lost response is
/// settled by looking the object up by its SIS id (or, for enrollments, by Canvas's
/// find-or-revive rule) and never makes a duplicate. Objects are addressed by the Canvas
/// id the operation carries, else by the id an earlier operation resolved, else by SIS id.
///
/// ```swift
/// let runner = CanvasOperationRunner(client: client, config: config)
/// var resolved = ResolvedIds()
/// for op in plan.operations {
///     resolved.record(op, try await runner.run(op, resolved: resolved))
/// }
/// ```
public struct CanvasOperationRunner: OperationRunner {
    public let client: CanvasClient
    /// The config's `canvas.account`: terms are created in it, custom roles looked up from it.
    public let account: CanvasRef
    /// `policy.notify`: whether Canvas emails users about their new enrollments.
    public let notify: Bool
    /// `policy.user_key`: how a user without a Canvas id is addressed (`sis_user_id:` or `sis_login_id:`).
    public let userKey: Policy.UserKey
    let roles = RoleCache()

    public init(client: CanvasClient, account: String, notify: Bool = false, userKey: Policy.UserKey = .sisId) {
        self.client = client
        self.account = CanvasRef(account)
        self.notify = notify
        self.userKey = userKey
    }

    public init(client: CanvasClient, config: Config) {
        self.init(
            client: client, account: config.canvas.account, notify: config.policy.notify, userKey: config.policy.userKey)
    }

    public func run(_ op: PlanOperation, resolved: ResolvedIds) async throws -> OperationOutcome {
        try await op.kind.resource.run(op, on: self, resolved)
    }

    // MARK: addressing

    /// The operation's own object: its Canvas id, else one resolved earlier, else its SIS id.
    func ownRef(_ op: PlanOperation, _ resolved: ResolvedIds, _ kind: SISKind) -> CanvasRef {
        if let id = op.canvasId ?? resolved[op.kind, op.id] { return .id(CanvasID(id)) }
        return .sis(kind, op.id)
    }

    /// The course an operation on a section or enrollment belongs to.
    func courseRef(_ op: PlanOperation, _ resolved: ResolvedIds) throws(OperationRunError) -> CanvasRef {
        if let id = op.courseCanvasId { return .id(CanvasID(id)) }
        guard let key = op.course else { throw .missing(op, "its course") }
        return resolved[.course, key].map { .id(CanvasID($0)) } ?? .sis(.course, key)
    }

    func sectionRef(_ key: String, canvasId: String?, _ resolved: ResolvedIds) -> CanvasRef {
        if let id = canvasId ?? resolved[.section, key] { return .id(CanvasID(id)) }
        return .sis(.section, key)
    }

    /// A user by Canvas id, resolved id, `canvas:ID` key (a user the config does not name),
    /// or `sis_user_id:` / `sis_login_id:` per `policy.user_key`.
    func userRef(_ key: String, canvasId: String?, _ resolved: ResolvedIds) -> CanvasRef {
        if let id = canvasId ?? resolved[.user, key] { return .id(CanvasID(id)) }
        if key.hasPrefix("canvas:") { return .id(CanvasID(String(key.dropFirst("canvas:".count)))) }
        return .sis(userKey == .login ? .login : .user, key)
    }

    /// `body`, with a SIS id or login already held by another object turned into an
    /// actionable error naming that object (`holder` looks it up).
    func creating<T>(
        _ op: PlanOperation, sisId: String?, login: String? = nil, holder: @Sendable () async throws -> CanvasID?,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as CanvasError where error.isSISIdTaken || error.isLoginIdTaken {
            let what = error.isSISIdTaken ? "SIS id '\(sisId ?? op.id)'" : "login '\(login ?? op.id)'"
            let owner = try? await holder()
            throw OperationRunError.taken(op, what, holder: owner?.rawValue, error)
        }
    }
}
