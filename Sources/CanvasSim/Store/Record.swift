/// One line of the journal: the full new value of one object (an upsert). Objects are never
/// removed (Canvas soft-deletes), so replaying upserts in order rebuilds the state.
enum Record: Codable, Sendable {
    case account(Account)
    case term(Term)
    case course(Course)
    case section(Section)
    case user(User)
    case login(Login)
    case channel(CommunicationChannel)
    case authProvider(AuthenticationProvider)
    case enrollment(Enrollment)
    case role(Role)
    case token(AccessToken)
    case sisImport(SISImport)

    private enum Keys: String, CodingKey { case kind, value }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "account": self = .account(try c.decode(Account.self, forKey: .value))
        case "term": self = .term(try c.decode(Term.self, forKey: .value))
        case "course": self = .course(try c.decode(Course.self, forKey: .value))
        case "section": self = .section(try c.decode(Section.self, forKey: .value))
        case "user": self = .user(try c.decode(User.self, forKey: .value))
        case "login": self = .login(try c.decode(Login.self, forKey: .value))
        case "channel": self = .channel(try c.decode(CommunicationChannel.self, forKey: .value))
        case "auth_provider": self = .authProvider(try c.decode(AuthenticationProvider.self, forKey: .value))
        case "enrollment": self = .enrollment(try c.decode(Enrollment.self, forKey: .value))
        case "role": self = .role(try c.decode(Role.self, forKey: .value))
        case "token": self = .token(try c.decode(AccessToken.self, forKey: .value))
        case "sis_import": self = .sisImport(try c.decode(SISImport.self, forKey: .value))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown record kind \(other)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .account(let v): try c.encode("account", forKey: .kind); try c.encode(v, forKey: .value)
        case .term(let v): try c.encode("term", forKey: .kind); try c.encode(v, forKey: .value)
        case .course(let v): try c.encode("course", forKey: .kind); try c.encode(v, forKey: .value)
        case .section(let v): try c.encode("section", forKey: .kind); try c.encode(v, forKey: .value)
        case .user(let v): try c.encode("user", forKey: .kind); try c.encode(v, forKey: .value)
        case .login(let v): try c.encode("login", forKey: .kind); try c.encode(v, forKey: .value)
        case .channel(let v): try c.encode("channel", forKey: .kind); try c.encode(v, forKey: .value)
        case .authProvider(let v): try c.encode("auth_provider", forKey: .kind); try c.encode(v, forKey: .value)
        case .enrollment(let v): try c.encode("enrollment", forKey: .kind); try c.encode(v, forKey: .value)
        case .role(let v): try c.encode("role", forKey: .kind); try c.encode(v, forKey: .value)
        case .token(let v): try c.encode("token", forKey: .kind); try c.encode(v, forKey: .value)
        case .sisImport(let v): try c.encode("sis_import", forKey: .kind); try c.encode(v, forKey: .value)
        }
    }
}
