import EaselYAML

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
