extension CanvasClient {
    /// `GET /accounts/:id`; `.self` is the domain's root account.
    public func account(_ account: CanvasRef = .self) async throws -> CanvasAccount {
        try await get("/api/v1/accounts/\(segment(account))")
    }

    /// Sub-accounts of `account`; with `recursive` the whole active subtree.
    public func subAccounts(of account: CanvasRef, recursive: Bool = true) async throws -> [CanvasAccount] {
        var query = FormFields()
        if recursive { query.add("recursive", "true") }
        return try await list("/api/v1/accounts/\(segment(account))/sub_accounts", query: query)
    }
}
