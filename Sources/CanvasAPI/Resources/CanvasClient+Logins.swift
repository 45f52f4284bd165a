extension CanvasClient {
    /// Active logins of a user, across accounts.
    public func logins(user: CanvasRef) async throws -> [CanvasLogin] {
        try await list("/api/v1/users/\(segment(user))/logins")
    }

    /// Edits a login: login id, password, SIS id, provider, suspension.
    public func updateLogin(account: CanvasRef, login: CanvasID, _ params: LoginParams) async throws
        -> CanvasLogin
    {
        try await send(.put, "/api/v1/accounts/\(segment(account))/logins/\(segment(.id(login)))", body: .form(params.form))
    }
}
