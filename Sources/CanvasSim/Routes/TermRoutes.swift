/// `/accounts/:id/terms`: root account only.
enum TermRoutes {
    static let overrideTypes: Set<String> = ["StudentEnrollment", "TeacherEnrollment", "TaEnrollment", "DesignerEnrollment"]

    /// Terms belong to the root account; any other account is a 400.
    static func rootAccount(_ req: APIRequest, _ s: StoreState) throws -> Account {
        guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
        guard account.isRoot else { throw APIError.message("Terms only belong to root_accounts.") }
        return account
    }

    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/accounts/:account_id/terms") { req, s in
            _ = try rootAccount(req, s)
            let wanted = req.params.strings("workflow_state") ?? ["active"]
            let all = wanted.contains("all")
            var terms = s.terms.values.filter { all || wanted.contains($0.workflowState) }
            // start_at DESC, end_at DESC, id, with NULLs first as Postgres sorts them.
            terms.sort { a, b in
                func desc(_ x: Timestamp?, _ y: Timestamp?) -> Bool? {
                    switch (x, y) {
                    case (nil, nil): return nil
                    case (nil, _): return true
                    case (_, nil): return false
                    case let (x?, y?): return x == y ? nil : x > y
                    }
                }
                if let o = desc(a.startAt, b.startAt) { return o }
                if let o = desc(a.endAt, b.endAt) { return o }
                return a.id < b.id
            }
            let overrides = req.includes().contains("overrides")
            let (page, link) = req.pagination.ordinal(terms, countTotal: true)
            return APIResponse(
                body: .object([("enrollment_terms", .array(page.map { s.termJSON($0, overrides: overrides) }))]),
                link: link)
        }

        t.add("GET", "/api/v1/accounts/:account_id/terms/:id") { req, s in
            _ = try rootAccount(req, s)
            guard let term = s.term(req.ref("id")) else { throw APIError.notFound }
            return .json(s.termJSON(term, overrides: true))
        }

        t.add("POST", "/api/v1/accounts/:account_id/terms") { req, s in
            let root = try rootAccount(req, s)
            guard req.params.object("enrollment_term") != nil else { throw APIError.badRequest("enrollment_term is missing") }
            let now = s.now
            var term = Term(
                id: 0, rootAccountId: root.id, name: nil, sisTermId: nil, integrationId: nil, startAt: nil,
                endAt: nil, workflowState: "active", isDefault: false, overrides: [:], createdAt: now, updatedAt: now)
            try apply(req.params, to: &term, in: s)
            term.id = s.nextId("term")
            s.put(term)
            return .json(s.termJSON(term, overrides: true))
        }

        t.add("PUT", "/api/v1/accounts/:account_id/terms/:id") { req, s in
            _ = try rootAccount(req, s)
            guard var term = s.term(req.ref("id"), includeDeleted: false) else { throw APIError.notFound }
            guard req.params.object("enrollment_term") != nil else { throw APIError.badRequest("enrollment_term is missing") }
            try apply(req.params, to: &term, in: s)
            term.updatedAt = s.now
            s.put(term)
            return .json(s.termJSON(term, overrides: true))
        }

        t.add("DELETE", "/api/v1/accounts/:account_id/terms/:id") { req, s in
            _ = try rootAccount(req, s)
            guard var term = s.term(req.ref("id"), includeDeleted: false) else { throw APIError.notFound }
            if term.isDefault {
                throw APIError.invalid("workflow_state", type: "Cannot delete the default term", message: "Cannot delete the default term")
            }
            // Any non-deleted course blocks it, concluded ones included.
            if s.courses.values.contains(where: { $0.termId == term.id && !$0.isDeleted }) {
                throw APIError.invalid(
                    "workflow_state", type: "Cannot delete a term with active courses", message: "Cannot delete a term with active courses")
            }
            term.workflowState = "deleted"
            term.updatedAt = s.now
            s.put(term)
            return .json(s.termJSON(term, overrides: true))
        }
    }

    /// Applies `enrollment_term[...]`, validating everything before anything changes.
    static func apply(_ p: Params, to term: inout Term, in s: StoreState) throws {
        var t = term
        if let name = p.optionalString("enrollment_term", "name") { t.name = name }
        if let v = p.optionalString("enrollment_term", "start_at") { t.startAt = v.flatMap(Timestamp.init(iso8601:)) }
        if let v = p.optionalString("enrollment_term", "end_at") { t.endAt = v.flatMap(Timestamp.init(iso8601:)) }
        if let raw = p.value(["enrollment_term", "sis_term_id"]) {
            switch raw {
            case .string(let v):
                let sis = v.isEmpty ? nil : v
                if let sis, let owner = s.termBySIS[sis], owner != term.id { throw APIError.sisTaken(sis) }
                t.sisTermId = sis
            case .null: t.sisTermId = nil
            default: throw APIError.message("Invalid SIS ID")
            }
        }
        if let v = p.optionalString("enrollment_term", "integration_id") { t.integrationId = v.flatMap { $0.isEmpty ? nil : $0 } }
        if let overrides = p.object("enrollment_term", "overrides") {
            for (type, value) in overrides {
                guard overrideTypes.contains(type) else { throw APIError.message("Invalid enrollment type in overrides") }
                var range = DateRange()
                if case .object(let o) = value {
                    range.startAt = o["start_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))
                    range.endAt = o["end_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))
                }
                t.overrides[type] = range
            }
        }
        if let start = t.startAt, let end = t.endAt, end < start {
            throw APIError(status: 400, body: .object([("errors", .object([("base", .array([
                APIError.attributeError("base", type: "End dates cannot be before start dates", message: "End dates cannot be before start dates"),
            ]))]))]))
        }
        term = t
    }
}

extension StoreState {
    func termJSON(_ t: Term, overrides: Bool) -> JSON {
        var members: [(String, JSON)] = [
            ("id", .int(t.id)),
            ("name", .string(t.name)),
            ("start_at", .timestamp(t.startAt)),
            ("end_at", .timestamp(t.endAt)),
            ("created_at", .timestamp(t.createdAt)),
            ("workflow_state", .string(t.workflowState)),
            ("grading_period_group_id", .null),
            ("sis_term_id", .string(t.sisTermId)),
            ("sis_import_id", .int(t.sisImportId)),
        ]
        if overrides {
            members.append(("overrides", .object(t.overrides.keys.sorted().map { key in
                let r = t.overrides[key]!
                return (key, .object([("start_at", .timestamp(r.startAt)), ("end_at", .timestamp(r.endAt))]))
            })))
        }
        return .object(members)
    }
}
