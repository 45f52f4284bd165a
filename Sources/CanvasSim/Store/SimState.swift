/// The whole simulated Canvas as plain values, every list ordered by id: what
/// `GET /__sim/state` returns and what a restart must reproduce.
public struct SimState: Codable, Equatable, Sendable {
    public var accounts: [Account] = []
    public var authenticationProviders: [AuthenticationProvider] = []
    public var terms: [Term] = []
    public var courses: [Course] = []
    public var sections: [Section] = []
    public var users: [User] = []
    public var logins: [Login] = []
    public var communicationChannels: [CommunicationChannel] = []
    public var roles: [Role] = []
    public var enrollments: [Enrollment] = []
    public var tokens: [AccessToken] = []
    public var sisImports: [SISImport] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case accounts, terms, courses, sections, users, logins, roles, enrollments, tokens
        case authenticationProviders = "authentication_providers"
        case communicationChannels = "communication_channels"
        case sisImports = "sis_imports"
    }
}
