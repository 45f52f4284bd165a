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





