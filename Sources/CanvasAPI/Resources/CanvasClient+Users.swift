extension CanvasClient {
    /// Creates a user with its first login (use the root account or `.self`).
    ///
    /// A lost response is settled by reading the user back by SIS user id, or by login id
    /// when there is none; a re-sent create refused because the SIS id or login id is taken
    /// is settled the same way.
    public func createUser(account: CanvasRef = .self, _ user: NewUser) async throws -> CanvasUser {
        let key: CanvasRef =
            if let sisID = user.login.sisUserId, !sisID.isEmpty { .sis(.user, sisID) } else {
                .sis(.login, user.login.uniqueId)
            }
        let readBack = ReadBack(settles: { $0.isSISIdTaken || $0.isLoginIdTaken }) { [self] in
            try await find("/api/v1/users/\(segment(key))", as: CanvasUser.self)
        }
        return try await write(
            .post, "/api/v1/accounts/\(segment(account))/users", body: .form(user.form), readBack: readBack)
    }

    /// One user by id, `sis_user_id:X`, `sis_login_id:X` or `self`.
    public func user(_ user: CanvasRef, include: [String] = []) async throws -> CanvasUser {
        var query = FormFields()
        query.add("include[]", each: include)
        return try await get("/api/v1/users/\(segment(user))", query: query)
    }

    public func updateUser(_ user: CanvasRef, _ params: UserParams) async throws -> CanvasUser {
        try await send(.put, "/api/v1/users/\(segment(user))", body: .form(params.form))
    }

    /// Users of an account; `searchTerm` (3+ characters) matches name, login, SIS id, email.
    public func users(account: CanvasRef, searchTerm: String? = nil, include: [String] = []) async throws
        -> [CanvasUser]
    {
        try await list("/api/v1/accounts/\(segment(account))/users", query: userQuery(searchTerm, include))
    }

    /// The same listing, page by page.
    public func userPages(account: CanvasRef, searchTerm: String? = nil, include: [String] = [])
        -> CanvasPages<CanvasUser>
    {
        pages("/api/v1/accounts/\(segment(account))/users", query: userQuery(searchTerm, include))
    }

    private func userQuery(_ searchTerm: String?, _ include: [String]) -> FormFields {
        var query = FormFields()
        query.add("search_term", searchTerm)
        query.add("include[]", each: include)
        return query
    }
}
