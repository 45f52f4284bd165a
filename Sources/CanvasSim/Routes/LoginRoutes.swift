/// Logins (pseudonyms): list a user's, create one for an existing user, edit, delete.
enum LoginRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/users/:user_id/logins") { req, s in
            guard let user = s.user(req.ref("user_id"), caller: req.callerUserId) else { throw APIError.notFound }
            let logins = (s.loginsByUser[user.id] ?? []).compactMap { s.logins[$0] }.filter { $0.workflowState != "deleted" }
            let (page, link) = req.pagination.bookmarked(logins) { BookmarkKey([.int($0.id)]) }
            return .page(page.map { s.loginJSON($0) }, link: link)
        }

        t.add("POST", "/api/v1/accounts/:account_id/logins") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            guard account.isRoot else { throw APIError.message("Action must be called on a root account.") }
            let p = req.params
            guard let raw = p.string("user", "id"), let user = s.user(IdRef(raw), caller: req.callerUserId) else {
                throw APIError.notFound
            }
            let uniqueId = (p.string("login", "unique_id") ?? "").trimmingWhitespace()
            guard !uniqueId.isEmpty else {
                throw APIError.invalid("unique_id", type: "too_short", message: "is too short (minimum is 1 character)")
            }
            var login = Login(
                id: 0, userId: user.id, accountId: account.id, uniqueId: uniqueId, sisUserId: nil, integrationId: nil,
                authenticationProviderId: nil, workflowState: "active", declaredUserType: nil, createdAt: s.now)
            try apply(p, to: &login, in: s)
            login.id = s.nextId("login")
            s.put(login)
            return .json(s.loginJSON(login))
        }

        t.add("PUT", "/api/v1/accounts/:account_id/logins/:id") { req, s in
            guard s.account(req.ref("account_id")) != nil else { throw APIError.notFound }
            guard case .id(let id) = req.ref("id"), var login = s.logins[id], login.workflowState != "deleted" else {
                throw APIError.notFound
            }
            let known: Set<String> = [
                "unique_id", "password", "sis_user_id", "integration_id", "authentication_provider_id", "workflow_state", "declared_user_type",
            ]
            // No recognised key: 400 with a literal `null` body.
            guard !req.params.keys("login").isDisjoint(with: known) else { return APIResponse(status: 400, body: .null) }
            try apply(req.params, to: &login, in: s)
            s.put(login)
            return .json(s.loginJSON(login))
        }

        t.add("DELETE", "/api/v1/users/:user_id/logins/:id") { req, s in
            guard let user = s.user(req.ref("user_id"), caller: req.callerUserId),
                  case .id(let id) = req.ref("id"), var login = s.logins[id], login.userId == user.id, login.workflowState != "deleted"
            else { throw APIError.notFound }
            let live = (s.loginsByUser[user.id] ?? []).filter { s.logins[$0]?.workflowState != "deleted" }
            guard live.count > 1 else {
                throw APIError.invalid("base", type: "Users must have at least one login", message: "Users must have at least one login")
            }
            login.workflowState = "deleted"
            s.put(login)
            return .json(s.loginJSON(login))
        }
    }

    /// Applies `login[...]`, checking uniqueness before anything changes.
    static func apply(_ p: Params, to login: inout Login, in s: StoreState) throws {
        var l = login
        if let raw = p.optionalString("login", "authentication_provider_id") {
            if let raw, !raw.isEmpty {
                guard let provider = s.authProvider(raw) else { throw APIError.notFound }
                l.authenticationProviderId = provider.authType == "canvas" ? nil : provider.id
            } else {
                l.authenticationProviderId = nil
            }
        }
        if let v = p.string("login", "unique_id") {
            let u = v.trimmingWhitespace()
            guard !u.isEmpty else { throw APIError.invalid("unique_id", type: "too_short", message: "is too short (minimum is 1 character)") }
            l.uniqueId = u
        }
        if s.liveLogin(uniqueId: l.uniqueId, providerId: l.authenticationProviderId, excluding: l.id) != nil {
            throw APIError.invalid("unique_id", type: "taken", message: "ID already in use for this account and authentication provider")
        }
        if let v = p.optionalString("login", "sis_user_id") {
            let sis = v.flatMap { $0.isEmpty ? nil : $0 }
            if let sis, let owner = s.loginBySIS[sis], owner != l.id {
                throw APIError.invalid("sis_user_id", type: "taken", message: "SIS ID \"\(sis)\" is already in use")
            }
            l.sisUserId = sis
        }
        if let v = p.optionalString("login", "integration_id") {
            let integration = v.flatMap { $0.isEmpty ? nil : $0 }
            if let integration, let owner = s.loginByIntegration[integration], owner != l.id {
                throw APIError.invalid("integration_id", type: "taken", message: "Integration ID \"\(integration)\" is already in use")
            }
            l.integrationId = integration
        }
        if let v = p.string("login", "workflow_state") {
            guard v == "active" || v == "suspended" else {
                throw APIError.invalid("workflow_state", type: "inclusion", message: "is not included in the list")
            }
            l.workflowState = v
        }
        if let v = p.optionalString("login", "declared_user_type") { l.declaredUserType = v.flatMap { $0.isEmpty ? nil : $0 } }
        login = l
    }
}

extension StoreState {
    func loginJSON(_ l: Login) -> JSON {
        let provider = l.authenticationProviderId.flatMap { authProviders[$0] }
        return .object([
            ("id", .int(l.id)),
            ("user_id", .int(l.userId)),
            ("account_id", .int(l.accountId)),
            ("unique_id", .string(l.uniqueId)),
            ("created_at", .timestamp(l.createdAt)),
            ("sis_user_id", .string(l.sisUserId)),
            ("integration_id", .string(l.integrationId)),
            ("authentication_provider_id", .int(l.authenticationProviderId)),
            ("authentication_provider_type", .string(provider?.authType)),
            ("workflow_state", .string(l.workflowState)),
            ("declared_user_type", .string(l.declaredUserType)),
        ])
    }
}
