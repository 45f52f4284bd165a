/// Roles of an account: the built-ins of the root plus custom roles.
enum RoleRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/accounts/:account_id/roles") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let states = Set(req.params.strings("state") ?? ["active"])
            let inherited = req.params.bool("show_inherited") == true
            let accountIds = inherited ? s.accountChain(account.id).reversed() : [account.id]
            var roles: [Role] = []
            // Built-ins come first, and only when active roles are asked for.
            if states.contains("active") {
                roles += (s.rolesByAccount[StoreState.rootAccountId] ?? []).compactMap { s.roles[$0] }.filter(\.isBuiltIn)
            }
            for aid in accountIds {
                roles += (s.rolesByAccount[aid] ?? []).compactMap { s.roles[$0] }.filter { !$0.isBuiltIn && states.contains($0.workflowState) }
            }
            let (page, link) = req.pagination.ordinal(roles, countTotal: true)
            return .page(page.map { s.roleJSON($0) }, link: link)
        }

        t.add("GET", "/api/v1/accounts/:account_id/roles/:id") { req, s in
            guard let account = s.account(req.ref("account_id")), case .id(let id) = req.ref("id"), let role = s.roles[id],
                  role.isBuiltIn || s.accountChain(account.id).contains(role.accountId)
            else { throw APIError.notFound }
            return .json(s.roleJSON(role))
        }

        t.add("POST", "/api/v1/accounts/:account_id/roles") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let p = req.params
            guard let label = (p.string("label") ?? p.string("role"))?.trimmingWhitespace(), !label.isEmpty else {
                throw APIError.message("missing required parameter 'role'")
            }
            let base = p.string("base_role_type") ?? "AccountMembership"
            guard base == "AccountMembership" || Enrollment.types.contains(base) else {
                throw APIError.invalid("base_role_type", type: "invalid", message: "is invalid")
            }
            if Role.builtIns.contains(where: { $0.0 == label || $0.1 == label }) {
                throw APIError.invalid("label", type: "invalid", message: "is reserved")
            }
            let clash = s.accountChain(account.id).flatMap { s.rolesByAccount[$0] ?? [] }.compactMap { s.roles[$0] }
                .contains { !$0.isBuiltIn && $0.workflowState == "active" && $0.label == label }
            if clash { throw APIError.invalid("label", type: "taken", message: "A role with this name already exists") }
            let now = s.now
            let role = Role(
                id: s.nextId("role"), accountId: account.id, name: label, label: label, baseRoleType: base,
                workflowState: "active", createdAt: now, updatedAt: now)
            s.put(role)
            return .json(s.roleJSON(role))
        }
    }
}

extension StoreState {
    func roleJSON(_ r: Role) -> JSON {
        let account = accounts[r.accountId]
        return .object([
            ("id", .int(r.id)),
            ("role", .string(r.name)),
            ("label", .string(r.label)),
            ("base_role_type", .string(r.baseRoleType)),
            ("is_account_role", .bool(!r.isCourseRole)),
            ("workflow_state", .string(r.workflowState)),
            ("created_at", .timestamp(r.createdAt)),
            ("last_updated_at", .timestamp(r.updatedAt)),
            ("account", account.map {
                .object([
                    ("id", .int($0.id)), ("name", .string($0.name)), ("parent_account_id", .int($0.parentAccountId)),
                    ("root_account_id", .int($0.rootAccountId)), ("sis_account_id", .string($0.sisAccountId)),
                ])
            } ?? .null),
            ("permissions", .object([])),
        ])
    }
}
