/// What live Canvas holds within the config's scope, read by a `LiveReader`.
///
/// It is independent of how it was read (REST listings or the provisioning report), so
/// the planner cannot tell the paths apart. States use Canvas's API vocabulary.
public struct LiveState: Sendable {
    public var terms: [LiveTerm] = []
    public var courses: [LiveCourse] = []
    public var users: [LiveUser] = []
    /// Custom course roles by label, with their Canvas ids.
    public var roles: [LiveRole] = []
    /// The config's `canvas.account`, resolved.
    public var account = LiveAccount(canvasId: "1", sisId: nil, isRoot: true)
    /// Sub-accounts by `sis_account_id:X` and by Canvas id, for course placement.
    public var subAccounts: [LiveAccount] = []

    public init() {}
}

public struct LiveAccount: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var isRoot: Bool

    public init(canvasId: String, sisId: String?, isRoot: Bool) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.isRoot = isRoot
    }
}






public struct LiveRole: Sendable, Equatable {
    public var canvasId: String
    public var label: String
    public var base: BaseRole

    public init(canvasId: String, label: String, base: BaseRole) {
        self.canvasId = canvasId
        self.label = label
        self.base = base
    }
}

/// Reads the live state a config's plan needs: the REST path or the report path.
public protocol LiveReader: Sendable {
    func read(_ scope: PlanScope) async throws -> LiveState
}

/// What a plan reads and may change: derived from the config (and `--target`).
public struct PlanScope: Sendable {
    public var termIds: [String]
    public var courseIds: [String]
    /// Courses adopted by Canvas id.
    public var mappedCanvasIds: [String]
    public var userKeys: [String]
    public var userKey: Policy.UserKey
    /// With prune_courses: every course with a SIS id in the declared terms is in scope.
    public var pruneTerms: Bool
    public var account: String

    public init(
        termIds: [String], courseIds: [String], mappedCanvasIds: [String], userKeys: [String],
        userKey: Policy.UserKey, pruneTerms: Bool, account: String
    ) {
        self.termIds = termIds
        self.courseIds = courseIds
        self.mappedCanvasIds = mappedCanvasIds
        self.userKeys = userKeys
        self.userKey = userKey
        self.pruneTerms = pruneTerms
        self.account = account
    }
}
