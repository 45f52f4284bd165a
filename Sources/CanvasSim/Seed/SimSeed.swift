import Foundation

/// A starting state for the simulator, in JSON with snake_case keys (see docs/canvas-sim.md).
/// Objects refer to each other by SIS id (a JSON string) or by Canvas id (a JSON number).
/// Objects may pin their Canvas `id`; otherwise ids come from per-kind sequences.
public struct SimSeed: Codable, Sendable, Equatable {
    public var rootAccountName: String?
    public var accounts: [AccountSeed]
    public var authenticationProviders: [AuthenticationProviderSeed]
    public var terms: [TermSeed]
    public var roles: [RoleSeed]
    public var courses: [CourseSeed]
    public var sections: [SectionSeed]
    public var users: [UserSeed]
    public var enrollments: [EnrollmentSeed]
    public var tokens: [TokenSeed]

    public init(
        rootAccountName: String? = nil, accounts: [AccountSeed] = [], authenticationProviders: [AuthenticationProviderSeed] = [],
        terms: [TermSeed] = [], roles: [RoleSeed] = [], courses: [CourseSeed] = [], sections: [SectionSeed] = [],
        users: [UserSeed] = [], enrollments: [EnrollmentSeed] = [], tokens: [TokenSeed] = []
    ) {
        self.rootAccountName = rootAccountName
        self.accounts = accounts
        self.authenticationProviders = authenticationProviders
        self.terms = terms
        self.roles = roles
        self.courses = courses
        self.sections = sections
        self.users = users
        self.enrollments = enrollments
        self.tokens = tokens
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rootAccountName = try c.decodeIfPresent(String.self, forKey: .rootAccountName)
        accounts = try c.decodeIfPresent([AccountSeed].self, forKey: .accounts) ?? []
        authenticationProviders = try c.decodeIfPresent([AuthenticationProviderSeed].self, forKey: .authenticationProviders) ?? []
        terms = try c.decodeIfPresent([TermSeed].self, forKey: .terms) ?? []
        roles = try c.decodeIfPresent([RoleSeed].self, forKey: .roles) ?? []
        courses = try c.decodeIfPresent([CourseSeed].self, forKey: .courses) ?? []
        sections = try c.decodeIfPresent([SectionSeed].self, forKey: .sections) ?? []
        users = try c.decodeIfPresent([UserSeed].self, forKey: .users) ?? []
        enrollments = try c.decodeIfPresent([EnrollmentSeed].self, forKey: .enrollments) ?? []
        tokens = try c.decodeIfPresent([TokenSeed].self, forKey: .tokens) ?? []
    }

    /// Decodes the documented JSON form (snake_case keys).
    public static func decode(_ data: Data) throws -> SimSeed {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try d.decode(SimSeed.self, from: data)
    }

    /// Encodes to the documented JSON form.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return try e.encode(self)
    }
}

/// A reference to another seeded or existing object: a Canvas id (JSON number) or a SIS id
/// (JSON string; for users, a login id also matches when no SIS id does).
public enum SeedRef: Codable, Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case id(Int)
    case sis(String)

    public init(stringLiteral value: String) { self = .sis(value) }
    public init(integerLiteral value: Int) { self = .id(value) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { self = .id(i) } else { self = .sis(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .id(let i): try c.encode(i)
        case .sis(let s): try c.encode(s)
        }
    }

    var text: String {
        switch self {
        case .id(let i): return "\(i)"
        case .sis(let s): return "'\(s)'"
        }
    }
}

public struct AccountSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var name: String
    public var sisAccountId: String?
    public var integrationId: String?
    /// Default: the root account.
    public var parent: SeedRef?
    public var workflowState: String?

    public init(id: Int? = nil, name: String, sisAccountId: String? = nil, integrationId: String? = nil, parent: SeedRef? = nil, workflowState: String? = nil) {
        self.id = id; self.name = name; self.sisAccountId = sisAccountId; self.integrationId = integrationId
        self.parent = parent; self.workflowState = workflowState
    }
}

public struct AuthenticationProviderSeed: Codable, Sendable, Equatable {
    public var id: Int?
    /// `saml`, `google`, `ldap`, `cas`, `openid_connect`, …
    public var authType: String

    public init(id: Int? = nil, authType: String) { self.id = id; self.authType = authType }
}

public struct TermSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var name: String
    public var sisTermId: String?
    public var integrationId: String?
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var workflowState: String?
    /// Keyed by enrollment type (`StudentEnrollment`, …).
    public var overrides: [String: DateRange]?

    public init(id: Int? = nil, name: String, sisTermId: String? = nil, integrationId: String? = nil, startAt: Timestamp? = nil,
                endAt: Timestamp? = nil, workflowState: String? = nil, overrides: [String: DateRange]? = nil) {
        self.id = id; self.name = name; self.sisTermId = sisTermId; self.integrationId = integrationId
        self.startAt = startAt; self.endAt = endAt; self.workflowState = workflowState; self.overrides = overrides
    }
}

public struct RoleSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var label: String
    /// `StudentEnrollment`, …, or the short forms `student`, `teacher`, `ta`, `observer`, `designer`.
    public var baseRoleType: String
    /// Default: the root account.
    public var account: SeedRef?
    public var workflowState: String?

    public init(id: Int? = nil, label: String, baseRoleType: String, account: SeedRef? = nil, workflowState: String? = nil) {
        self.id = id; self.label = label; self.baseRoleType = baseRoleType; self.account = account; self.workflowState = workflowState
    }
}

public struct CourseSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var name: String
    public var courseCode: String?
    public var sisCourseId: String?
    public var integrationId: String?
    /// Default: the root account.
    public var account: SeedRef?
    /// Default: the Default Term.
    public var term: SeedRef?
    /// Raw (`created`, `claimed`, `available`, `completed`, `deleted`) or API (`unpublished`,
    /// `published`, `concluded`) vocabulary. Default `created` (unpublished), as the API creates.
    public var workflowState: String?
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var restrictEnrollmentsToCourseDates: Bool?

    public init(id: Int? = nil, name: String, courseCode: String? = nil, sisCourseId: String? = nil, integrationId: String? = nil,
                account: SeedRef? = nil, term: SeedRef? = nil, workflowState: String? = nil, startAt: Timestamp? = nil,
                endAt: Timestamp? = nil, restrictEnrollmentsToCourseDates: Bool? = nil) {
        self.id = id; self.name = name; self.courseCode = courseCode; self.sisCourseId = sisCourseId
        self.integrationId = integrationId; self.account = account; self.term = term; self.workflowState = workflowState
        self.startAt = startAt; self.endAt = endAt; self.restrictEnrollmentsToCourseDates = restrictEnrollmentsToCourseDates
    }
}

public struct SectionSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var name: String
    public var sisSectionId: String?
    public var integrationId: String?
    public var course: SeedRef
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var restrictEnrollmentsToSectionDates: Bool?
    public var workflowState: String?

    public init(id: Int? = nil, name: String, sisSectionId: String? = nil, integrationId: String? = nil, course: SeedRef,
                startAt: Timestamp? = nil, endAt: Timestamp? = nil, restrictEnrollmentsToSectionDates: Bool? = nil, workflowState: String? = nil) {
        self.id = id; self.name = name; self.sisSectionId = sisSectionId; self.integrationId = integrationId; self.course = course
        self.startAt = startAt; self.endAt = endAt; self.restrictEnrollmentsToSectionDates = restrictEnrollmentsToSectionDates
        self.workflowState = workflowState
    }
}

public struct LoginSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var uniqueId: String
    public var sisUserId: String?
    public var integrationId: String?
    /// A provider type (`saml`) or id.
    public var authenticationProvider: String?
    /// `active` | `suspended` | `deleted`
    public var workflowState: String?

    public init(id: Int? = nil, uniqueId: String, sisUserId: String? = nil, integrationId: String? = nil,
                authenticationProvider: String? = nil, workflowState: String? = nil) {
        self.id = id; self.uniqueId = uniqueId; self.sisUserId = sisUserId; self.integrationId = integrationId
        self.authenticationProvider = authenticationProvider; self.workflowState = workflowState
    }
}

/// A user. `login` (+ `sis_user_id`, `authentication_provider`) is shorthand for one login;
/// `logins` adds more.
public struct UserSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var name: String
    public var shortName: String?
    public var sortableName: String?
    public var sisUserId: String?
    public var integrationId: String?
    public var login: String?
    public var authenticationProvider: String?
    public var email: String?
    /// `registered` (default) | `pre_registered` | `deleted`
    public var workflowState: String?
    public var logins: [LoginSeed]?

    public init(id: Int? = nil, name: String, shortName: String? = nil, sortableName: String? = nil, sisUserId: String? = nil,
                integrationId: String? = nil, login: String? = nil, authenticationProvider: String? = nil, email: String? = nil,
                workflowState: String? = nil, logins: [LoginSeed]? = nil) {
        self.id = id; self.name = name; self.shortName = shortName; self.sortableName = sortableName; self.sisUserId = sisUserId
        self.integrationId = integrationId; self.login = login; self.authenticationProvider = authenticationProvider
        self.email = email; self.workflowState = workflowState; self.logins = logins
    }
}

/// An enrollment in any state. Give `section`, or `course` (the default section), or both.
public struct EnrollmentSeed: Codable, Sendable, Equatable {
    public var id: Int?
    public var user: SeedRef
    public var course: SeedRef?
    public var section: SeedRef?
    /// `StudentEnrollment`, … or `student`, …; default from `role`, else student.
    public var type: String?
    /// A built-in type or short name, or a custom role's label.
    public var role: String?
    /// Default `active`.
    public var state: String?
    public var associatedUser: SeedRef?
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var limitPrivilegesToCourseSection: Bool?

    public init(id: Int? = nil, user: SeedRef, course: SeedRef? = nil, section: SeedRef? = nil, type: String? = nil, role: String? = nil,
                state: String? = nil, associatedUser: SeedRef? = nil, startAt: Timestamp? = nil, endAt: Timestamp? = nil,
                limitPrivilegesToCourseSection: Bool? = nil) {
        self.id = id; self.user = user; self.course = course; self.section = section; self.type = type; self.role = role
        self.state = state; self.associatedUser = associatedUser; self.startAt = startAt; self.endAt = endAt
        self.limitPrivilegesToCourseSection = limitPrivilegesToCourseSection
    }
}

/// A token: a bare string, or `{"token": …, "user": <ref>}` to give it a `self` user.
public struct TokenSeed: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var token: String
    public var user: SeedRef?

    public init(token: String, user: SeedRef? = nil) { self.token = token; self.user = user }
    public init(stringLiteral value: String) { self.init(token: value) }

    enum CodingKeys: String, CodingKey { case token, user }

    public init(from decoder: any Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            token = s
            user = nil
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        token = try c.decode(String.self, forKey: .token)
        user = try c.decodeIfPresent(SeedRef.self, forKey: .user)
    }
}

/// How a seed meets the existing state.
public enum SeedMode: String, Codable, Sendable {
    /// Start from the bootstrap state (root account, Default Term, built-in roles).
    case replace
    /// Add to the existing state; objects found by id or SIS id are updated in place.
    case merge
}

/// Every problem a seed has; nothing is applied when there is one.
public struct SeedError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]
    public var description: String { "invalid seed:\n" + problems.map { "  " + $0 }.joined(separator: "\n") }
}

/// What a seed load did.
public struct SeedSummary: Codable, Sendable, Equatable {
    public var accounts = 0, terms = 0, roles = 0, courses = 0, sections = 0, users = 0, enrollments = 0, tokens = 0
}
