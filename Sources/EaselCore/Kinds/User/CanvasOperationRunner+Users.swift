import CanvasAPI

extension CanvasOperationRunner {
    func runUser(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        switch op.action {
        case .create: try await createUser(op)
        case .update: try await updateUser(op, resolved)
        default: throw OperationRunError.unsupported(op)
        }
    }

    /// `POST /accounts/self/users`: registered at once, email confirmed, no mail sent, and
    /// `enable_sis_reactivation=true` so a deleted login holding the SIS id comes back with
    /// its user. A revived user may keep its old names and email, so those are set after.
    private func createUser(_ op: PlanOperation) async throws -> OperationOutcome {
        guard let login = op.afterString(UserAttribute.login) else { throw OperationRunError.missing(op, "the user's login") }
        let sisId = op.afterString(UserAttribute.sisId)
        let new = NewUser(
            name: op.afterString(UserAttribute.name), sortableName: op.afterString(UserAttribute.sortableName), skipRegistration: true,
            login: NewUser.Login(
                uniqueId: login, sisUserId: sisId, authenticationProviderId: op.afterString(UserAttribute.authProvider)),
            communicationChannel: op.afterString(UserAttribute.email).map { .init(address: $0, skipConfirmation: true) },
            enableSISReactivation: true)
        let user = try await creating(op, sisId: sisId, login: login, holder: { [client] in
            if let sisId, let holder = try? await client.user(.sis(.user, sisId)) { return holder.id }
            return try await client.user(.sis(.login, login)).id
        }) {
            try await client.createUser(account: .self, new)
        }
        if sisId != nil, user.sisUserId == nil {
            throw OperationRunError.sisIdDropped(op, canvasId: user.id.rawValue)
        }
        // A revive the plan could not foresee (Canvas hides deleted users) shows as a name
        // the create did not set.
        let stale = (new.name.map { $0 != user.name } ?? false) || (new.sortableName.map { $0 != user.sortableName } ?? false)
        guard op.revive == true || stale else { return OperationOutcome(canvasId: user.id.rawValue) }
        let params = UserParams(name: new.name, sortableName: new.sortableName, email: op.afterString(UserAttribute.email))
        _ = try await client.updateUser(.id(user.id), params)
        return OperationOutcome(canvasId: user.id.rawValue, notes: ["revived the deleted login and its user"])
    }

    /// `PUT /users/:id` for names and email; a login change goes through the Logins API,
    /// which needs the login's Canvas id: the operation's, else read from the user's logins.
    private func updateUser(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        let ref = ownRef(op, resolved, userKey == .login ? .login : .user)
        let params = UserParams(
            name: op.afterString(UserAttribute.name), sortableName: op.afterString(UserAttribute.sortableName), email: op.afterString(UserAttribute.email))
        var canvasId = op.canvasId
        if params != UserParams() {
            canvasId = try await client.updateUser(ref, params).id.rawValue
        }
        if let newLogin = op.afterString(UserAttribute.login) {
            let (loginAccount, loginId) = try await loginToChange(op, user: ref)
            _ = try await creating(op, sisId: nil, login: newLogin, holder: { [client] in
                try await client.user(.sis(.login, newLogin)).id
            }) {
                try await client.updateLogin(account: loginAccount, login: loginId, LoginParams(uniqueId: newLogin))
            }
        }
        return OperationOutcome(canvasId: canvasId)
    }

    /// The login whose `unique_id` the plan changes: the one named before, else the one
    /// holding the user's SIS id, else the user's only login.
    private func loginToChange(_ op: PlanOperation, user: CanvasRef) async throws -> (CanvasRef, CanvasID) {
        // The planner passes the login's Canvas id in `userCanvasId` when it knows it.
        if let id = op.userCanvasId { return (.self, CanvasID(id)) }
        let logins = try await client.logins(user: user)
        let old = op.before?[UserAttribute.login]?.string?.lowercased()
        let login =
            logins.first { $0.uniqueId?.lowercased() == old && old != nil }
            ?? logins.first { userKey == .sisId && $0.sisUserId == op.id }
            ?? (logins.count == 1 ? logins.first : nil)
        guard let login else {
            let names = logins.compactMap(\.uniqueId).map { "'\($0)'" }.joined(separator: ", ")
            throw OperationRunError(
                op,
                "the user has \(logins.count) logins and none is '\(old ?? "")': change the login in Canvas by hand, "
                    + "or set the config's login to one of \(names)")
        }
        return (login.accountId.map(CanvasRef.id) ?? .self, login.id)
    }
}
