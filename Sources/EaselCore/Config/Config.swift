import EaselYAML

/// The desired state of a Canvas account, as the config declares it.
///
/// After `ConfigLoader` has run, `classes` blocks are already expanded into
/// `terms` and `courses`; the model holds only concrete objects.
public struct Config: Sendable {
    public var version: Int = 1
    public var canvas = CanvasSettings()
    public var roles: [CustomRole] = []
    public var policy = Policy()
    public var terms: [Term] = []
    public var users: [User] = []
    public var courses: [Course] = []

    public init() {}
}

/// A reference to another object by id, with where the reference was written.
public struct Ref: Sendable, Hashable {
    public var id: String
    public var range: SourceRange

    public init(_ id: String, at range: SourceRange = .synthetic()) {
        self.id = id
        self.range = range
    }
}

public struct CanvasSettings: Sendable {
    public var url: String?
    /// The root account: a Canvas id (`"1"`) or `sis_account_id:X`.
    public var account: String = "1"
    public var urlRange: SourceRange?
    public init() {}
}

public enum BaseRole: String, Sendable, CaseIterable, Hashable {
    case student, teacher, ta, observer, designer

    /// Canvas's enrollment type for the role.
    public var enrollmentType: String {
        switch self {
        case .student: "StudentEnrollment"
        case .teacher: "TeacherEnrollment"
        case .ta: "TaEnrollment"
        case .observer: "ObserverEnrollment"
        case .designer: "DesignerEnrollment"
        }
    }

    public init?(enrollmentType: String) {
        guard let role = BaseRole.allCases.first(where: { $0.enrollmentType == enrollmentType }) else { return nil }
        self = role
    }

    /// The short-form key that lists users of this role on a course (`teachers:`).
    public var listKey: String {
        switch self {
        case .student: "students"
        case .teacher: "teachers"
        case .ta: "tas"
        case .observer: "observers"
        case .designer: "designers"
        }
    }
}

public struct CustomRole: Sendable {
    public var name: String
    public var base: BaseRole
    public var range: SourceRange
}

public struct Policy: Sendable {
    public enum Withdraw: String, Sendable, CaseIterable { case conclude, inactivate, delete }
    public enum UserKey: String, Sendable, CaseIterable, Codable {
        case sisId = "sis_id"
        case login
    }
    /// The most enrollments a plan may withdraw without `--allow-mass-withdraw`.
    public enum MaxWithdraw: Sendable, Equatable {
        case percent(Double)
        case count(Int)

        public var text: String {
            switch self {
            case .percent(let p): p == p.rounded() ? "\(Int(p))%" : "\(p)%"
            case .count(let n): "\(n)"
            }
        }
    }

    public var withdraw: Withdraw = .conclude
    /// Role names (base or custom) whose enrollments easel withdraws when the config lacks them.
    public var managedRoles: [String] = ["student", "teacher", "ta"]
    public var pruneCourses = false
    public var maxWithdraw: MaxWithdraw = .percent(10)
    public var userKey: UserKey = .sisId
    public var notify = false

    public init() {}
}

public struct Term: Sendable {
    public var id: String
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var range: SourceRange
}

public struct User: Sendable {
    /// The SIS user id; required unless `policy.user_key` is `login`.
    public var id: String?
    public var name: String
    public var login: String?
    public var email: String?
    public var sortableName: String?
    public var authProvider: String?
    public var range: SourceRange

    /// The key the config and the plan use for this user.
    public func key(_ userKey: Policy.UserKey) -> String? {
        userKey == .login ? login : id
    }
}

public struct Course: Sendable {
    public var id: String
    public var name: String
    public var code: String
    public var term: Ref?
    /// The (sub-)account; nil means `canvas.account`.
    public var account: String?
    /// nil: easel leaves the course's published state alone (new courses start unpublished).
    public var published: Bool?
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var canvasId: String?
    public var protect = false
    public var sections: [Section] = []
    public var enrollments: [Enrollment] = []
    public var range: SourceRange
    /// For a course a `classes` block generated: which class and subject, for messages.
    public var generatedFrom: String?

    public init(id: String, name: String, code: String, range: SourceRange) {
        self.id = id
        self.name = name
        self.code = code
        self.range = range
    }
}

public struct Section: Sendable {
    public var id: String
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var range: SourceRange
}

public struct Enrollment: Sendable {
    public enum State: String, Sendable, CaseIterable { case active, inactive }

    public var user: Ref
    /// A base role's name or a custom role's name.
    public var role: String
    /// nil: the course's default section.
    public var section: Ref?
    public var state: State = .active
    /// For observers: the student observed.
    public var observing: Ref?
    public var range: SourceRange
    /// Where the role was written, when it was written on its own (long form).
    public var roleRange: SourceRange?

    public init(user: Ref, role: String, section: Ref? = nil, state: State = .active, observing: Ref? = nil, range: SourceRange) {
        self.user = user
        self.role = role
        self.section = section
        self.state = state
        self.observing = observing
        self.range = range
    }

    /// Whether the enrollment can be written in a course's short role lists.
    public var isShortForm: Bool {
        section == nil && state == .active && observing == nil && BaseRole(rawValue: role) != nil
    }
}
