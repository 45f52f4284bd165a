/// `workflow_state[]` of the term listing.
public enum TermListState: String, Sendable {
    case active, deleted, all
}

extension CanvasClient {
    /// Terms of a root account (a `{"enrollment_terms":[…]}` listing).
    public func terms(account: CanvasRef, state: TermListState = .active) async throws -> [CanvasTerm] {
        var query = FormFields()
        query.add("workflow_state[]", state.rawValue)
        return try await list(
            "/api/v1/accounts/\(segment(account))/terms", query: query, wrappedIn: "enrollment_terms")
    }

    /// One term; `term` may be `sis_term_id:X`, `default` or `current`.
    public func term(account: CanvasRef, _ term: CanvasRef) async throws -> CanvasTerm {
        try await get("/api/v1/accounts/\(segment(account))/terms/\(segment(term))")
    }

    /// Creates a term; with a SIS id, a lost response is settled by reading the term back.
    public func createTerm(account: CanvasRef, _ params: TermParams) async throws -> CanvasTerm {
        let readBack = params.sisTermId.flatMap { $0.isEmpty ? nil : $0 }.map { sisID in
            ReadBack { [self] in
                try await find("/api/v1/accounts/\(segment(account))/terms/\(segment(.sis(.term, sisID)))", as: CanvasTerm.self)
            }
        }
        return try await write(
            .post, "/api/v1/accounts/\(segment(account))/terms", body: .form(params.form), readBack: readBack)
    }

    /// Updates an active term (a deleted one is 404).
    public func updateTerm(
        account: CanvasRef, _ term: CanvasRef, _ params: TermParams, overrideSISStickiness: Bool? = nil
    ) async throws -> CanvasTerm {
        var form = params.form
        form.add("override_sis_stickiness", overrideSISStickiness)
        return try await send(.put, "/api/v1/accounts/\(segment(account))/terms/\(segment(term))", body: .form(form))
    }

    /// Soft-deletes a term; refused while any non-deleted course uses it.
    public func deleteTerm(account: CanvasRef, _ term: CanvasRef) async throws -> CanvasTerm {
        try await send(.delete, "/api/v1/accounts/\(segment(account))/terms/\(segment(term))")
    }
}
