/// What `easel import` reads from live Canvas.
public struct ImportSelection: Sendable {
    /// SIS term ids; empty: every active term that has a SIS id.
    public var termIds: [String]
    /// The account whose courses are imported (`1`, `sis_account_id:HS`); nil: the root account.
    /// Terms and users always come from the root account, which the config's `canvas.account` names.
    public var account: String?
    /// How imported users are keyed: by SIS id (users without one are left out), or by login.
    public var userKey: Policy.UserKey

    public init(termIds: [String] = [], account: String? = nil, userKey: Policy.UserKey = .sisId) {
        self.termIds = termIds
        self.account = account
        self.userKey = userKey
    }
}
