/// `/accounts/:id/reports`: the provisioning report (`provisioning_csv`) only.
enum ReportRoutes {
    static let provisioningParameters: [(String, String)] = [
        ("enrollment_term_id", "The canvas id of the term to get grades from"),
        ("users", "Get the Provisioning file for users"),
        ("accounts", "Get the Provisioning file for accounts"),
        ("terms", "Get the Provisioning file for terms"),
        ("courses", "Get the Provisioning file for courses"),
        ("sections", "Get the Provisioning file for sections"),
        ("enrollments", "Get the Provisioning file for enrollments"),
        ("include_deleted", "Include deleted objects"),
    ]

    static func reportName(_ req: APIRequest) throws -> String {
        // Unknown report names are 404, as in Canvas.
        guard req.pathParams["report"] == "provisioning_csv" else { throw APIError.notFound }
        return "provisioning_csv"
    }

    static func find(_ req: APIRequest, _ s: StoreState, account: Account) throws -> AccountReport {
        guard case .id(let id) = req.ref("id"), let r = s.reports[id], r.accountId == account.id, r.status != "deleted" else {
            throw APIError.notFound
        }
        return r
    }

    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/accounts/:account_id/reports") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let last = s.reports.values.filter { $0.accountId == account.id && $0.status != "deleted" }.max { $0.id < $1.id }
            let item: JSON = .object([
                ("title", .string("Provisioning")),
                ("parameters", .object(provisioningParameters.map { ($0.0, .object([("required", .bool(false)), ("description", .string($0.1))])) })),
                ("report", .string("provisioning_csv")),
                ("last_run", last.map { s.reportJSON($0, origin: req.origin) } ?? .null),
            ])
            let (page, link) = req.pagination.ordinal([item], countTotal: true)
            return .page(Array(page), link: link)
        }

        t.add("POST", "/api/v1/accounts/:account_id/reports/:report") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let name = try reportName(req)
            var parameters: [(String, JSON)] = []
            for (key, value) in (req.params.object("parameters") ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let v = value.stringValue { parameters.append((key, .string(v))) }
            }
            let flags = Dictionary(parameters.map { ($0.0, $0.1) }, uniquingKeysWith: { $1 })
            func on(_ key: String) -> Bool {
                if case .string(let v)? = flags[key] { return Params.boolean(v) ?? false }
                return false
            }
            // Canvas's extra_text, e.g. "Term: All Terms; Include Deleted Objects; Reports: users courses ".
            var extra = "Term: "
            if case .string(let raw)? = flags["enrollment_term_id"], !raw.isEmpty, let term = s.term(IdRef(raw)) {
                extra += term.name ?? ""
            } else {
                extra += "All Terms"
            }
            extra += ";"
            if on("include_deleted") { extra += " Include Deleted Objects;" }
            extra += " Reports: " + ProvisioningKind.allCases.filter { on($0.rawValue) }.map { $0.rawValue + " " }.joined()
            parameters.append(("extra_text", .string(extra)))
            let report = AccountReport(
                id: s.nextId("report"), accountId: account.id, report: name, status: "created", progress: 0, currentLine: nil,
                parameters: parameters, message: nil, fileId: nil, createdAt: s.now, startedAt: nil, endedAt: nil)
            s.reports[report.id] = report
            var response = APIResponse.json(s.reportJSON(report, origin: req.origin))
            let id = report.id
            response.afterCommit = { core in core.reports.enqueue { await ReportJob.run(core: core, id: id) } }
            return response
        }

        t.add("GET", "/api/v1/accounts/:account_id/reports/:report") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let name = try reportName(req)
            let runs = s.reports.values.filter { $0.accountId == account.id && $0.report == name && $0.status != "deleted" }
                .sorted { $0.id > $1.id }
            let (page, link) = req.pagination.ordinal(runs, countTotal: true)
            return .page(page.map { s.reportJSON($0, origin: req.origin) }, link: link)
        }

        t.add("GET", "/api/v1/accounts/:account_id/reports/:report/:id") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            _ = try reportName(req)
            return .json(s.reportJSON(try find(req, s, account: account), origin: req.origin))
        }

        t.add("PUT", "/api/v1/accounts/:account_id/reports/:report/:id/abort") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            _ = try reportName(req)
            var r = try find(req, s, account: account)
            if r.status == "created" || r.status == "running" || r.status == "compiling" {
                r.status = "aborted"
                r.endedAt = s.now
                s.reports[r.id] = r
            }
            return .json(s.reportJSON(r, origin: req.origin))
        }

        t.add("DELETE", "/api/v1/accounts/:account_id/reports/:report/:id") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            _ = try reportName(req)
            var r = try find(req, s, account: account)
            r.status = "deleted"
            s.reports[r.id] = r
            return .json(s.reportJSON(r, origin: req.origin))
        }
    }
}
