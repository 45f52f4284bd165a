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

public struct LiveTerm: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    /// `active` or `deleted`.
    public var workflowState: String

    public init(canvasId: String, sisId: String?, name: String, start: ConfigDate?, end: ConfigDate?, workflowState: String = "active") {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.start = start
        self.end = end
        self.workflowState = workflowState
    }
}

public struct LiveCourse: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var code: String
    public var termCanvasId: String?
    public var accountCanvasId: String?
    /// `unpublished`, `available`, `completed` or `deleted`.
    public var workflowState: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var restrictToDates: Bool
    public var sections: [LiveSection] = []
    public var enrollments: [LiveEnrollment] = []

    public init(
        canvasId: String, sisId: String?, name: String, code: String, termCanvasId: String?, accountCanvasId: String?,
        workflowState: String, start: ConfigDate? = nil, end: ConfigDate? = nil, restrictToDates: Bool = false
    ) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.code = code
        self.termCanvasId = termCanvasId
        self.accountCanvasId = accountCanvasId
        self.workflowState = workflowState
        self.start = start
        self.end = end
        self.restrictToDates = restrictToDates
    }
}

public struct LiveSection: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?

    public init(canvasId: String, sisId: String?, name: String, start: ConfigDate? = nil, end: ConfigDate? = nil) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.start = start
        self.end = end
    }
}

public struct LiveUser: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    /// The login's `unique_id`.
    public var login: String?
    /// The Canvas id of that login, for login edits.
    public var loginCanvasId: String?
    public var name: String
    public var sortableName: String?
    public var email: String?
    /// `active` or `deleted` (a deleted login that still holds its SIS id).
    public var workflowState: String

    public init(
        canvasId: String, sisId: String?, login: String?, loginCanvasId: String? = nil, name: String,
        sortableName: String? = nil, email: String? = nil, workflowState: String = "active"
    ) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.login = login
        self.loginCanvasId = loginCanvasId
        self.name = name
        self.sortableName = sortableName
        self.email = email
        self.workflowState = workflowState
    }
}

public struct LiveEnrollment: Sendable, Equatable {
    public var canvasId: String
    public var userCanvasId: String
    /// A base role's name (`student`) or a custom role's label.
    public var role: String
    public var sectionCanvasId: String
    /// Stored state: active, invited, creation_pending, inactive, completed, rejected or deleted.
    public var state: String
    /// Observers: the Canvas id of the student observed.
    public var associatedUserCanvasId: String?

    public init(canvasId: String, userCanvasId: String, role: String, sectionCanvasId: String, state: String, associatedUserCanvasId: String? = nil) {
        self.canvasId = canvasId
        self.userCanvasId = userCanvasId
        self.role = role
        self.sectionCanvasId = sectionCanvasId
        self.state = state
        self.associatedUserCanvasId = associatedUserCanvasId
    }

    /// Whether the user is on the roster in a way a withdraw would change.
    public var isEnrolled: Bool { ["active", "invited", "creation_pending"].contains(state) }
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
