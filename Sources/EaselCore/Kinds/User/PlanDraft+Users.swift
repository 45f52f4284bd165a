extension PlanDraft {
    func planUsers() {
        for user in config.users {
            guard let key = user.key(userKey) else { continue }
            let address = "user:\(key)"
            let twin = liveUsers[configKey(key)]
            guard let twin, !twin.isDeleted else {
                var op = PlanOperation(address: address, action: .create, kind: .user, id: key)
                var after: [UserAttribute: PlanValue] = [.name: .string(user.name), .login: PlanValue(user.login)]
                if let id = user.id { after[.sisId] = .string(id) }
                if let email = user.email { after[.email] = .string(email) }
                if let sortable = user.sortableName { after[.sortableName] = .string(sortable) }
                if let provider = user.authProvider { after[.authProvider] = .string(provider) }
                op.after = PlanValues(after)
                if let twin {
                    op.revive = true
                    op.canvasId = twin.canvasId
                    op.reason = "a deleted login still holds this SIS id: it is revived"
                    op.expect = PlanValues([UserAttribute.state: .string("deleted")])
                } else {
                    op.expect = PlanValues([UserAttribute.exists: .bool(false)])
                }
                add(op)
                continue
            }
            var pairs: [(UserAttribute, PlanValue, PlanValue)] = [(.name, .string(twin.name), .string(user.name))]
            if let sortable = user.sortableName { pairs.append((.sortableName, PlanValue(twin.sortableName), .string(sortable))) }
            if let email = user.email { pairs.append((.email, PlanValue(twin.email), .string(email))) }
            if userKey == .sisId, let login = user.login, twin.login?.lowercased() != login.lowercased() {
                pairs.append((.login, PlanValue(twin.login), .string(login)))
            }
            guard let (before, after) = PlanOperation.diff(pairs) else { continue }
            var op = PlanOperation(address: address, action: .update, kind: .user, id: key)
            op.canvasId = twin.canvasId
            op.userCanvasId = twin.loginCanvasId
            (op.before, op.after, op.expect) = (before, after, before)
            add(op)
        }
    }
}
