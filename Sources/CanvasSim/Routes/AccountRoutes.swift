/// `/accounts/:id` and sub-accounts.
enum AccountRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/accounts") { req, s in
            let (page, link) = req.pagination.ordinal([s.rootAccount], countTotal: true)
            return .page(page.map { s.accountJSON($0) }, link: link)
        }

        t.add("GET", "/api/v1/accounts/:account_id") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            return .json(s.accountJSON(account))
        }

        t.add("GET", "/api/v1/accounts/:account_id/sub_accounts") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            if req.params.bool("recursive") == true {
                // Whole subtree, breadth first; Canvas does not count it, so no rel="last".
                let ids = s.accountSubtree(account.id).dropFirst()
                let (page, link) = req.pagination.ordinal(Array(ids), countTotal: false)
                return .page(page.compactMap { s.accounts[$0].map { s.accountJSON($0) } }, link: link)
            }
            let children = (s.accountChildren[account.id] ?? []).compactMap { s.accounts[$0] }
                .filter { $0.workflowState == "active" }
            let (page, link) = req.pagination.ordinal(children, countTotal: true)
            return .page(page.map { s.accountJSON($0) }, link: link)
        }

        t.add("POST", "/api/v1/accounts/:account_id/sub_accounts") { req, s in
            guard let parent = s.account(req.ref("account_id")) else { throw APIError.notFound }
            guard req.params.object("account") != nil else { throw APIError.badRequest("account is missing") }
            guard let name = req.params.string("account", "name"), !name.isEmpty else {
                throw APIError.invalid("name", type: "blank", message: "can't be blank")
            }
            let sis = req.params.string("account", "sis_account_id").flatMap { $0.isEmpty ? nil : $0 }
            if let sis, s.accountBySIS[sis] != nil { throw APIError.sisTaken(sis) }
            let account = Account(
                id: s.nextId("account"), name: name, parentAccountId: parent.id,
                rootAccountId: StoreState.rootAccountId, sisAccountId: sis,
                integrationId: req.params.string("account", "integration_id").flatMap { $0.isEmpty ? nil : $0 },
                workflowState: "active", uuid: StoreState.uuid(),
                defaultTimeZone: req.params.string("account", "default_time_zone") ?? parent.defaultTimeZone,
                createdAt: s.now)
            s.put(account)
            return .json(s.accountJSON(account))
        }
    }
}

extension StoreState {
    func accountJSON(_ a: Account) -> JSON {
        .object([
            ("id", .int(a.id)),
            ("name", .string(a.name)),
            ("workflow_state", .string(a.workflowState)),
            ("parent_account_id", .int(a.parentAccountId)),
            ("root_account_id", .int(a.rootAccountId)),
            ("uuid", .string(a.uuid)),
            ("default_storage_quota_mb", .int(500)),
            ("default_user_storage_quota_mb", .int(50)),
            ("default_group_storage_quota_mb", .int(50)),
            ("default_time_zone", .string(a.defaultTimeZone)),
            ("sis_account_id", .string(a.sisAccountId)),
            ("integration_id", .string(a.integrationId)),
            ("sis_import_id", .int(a.sisImportId)),
            ("lti_guid", .string("\(a.uuid):canvas-lms")),
        ])
    }
}
