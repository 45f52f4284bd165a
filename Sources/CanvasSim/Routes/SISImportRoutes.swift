import BulkFiles
import Foundation

/// `/accounts/:id/sis_imports`: root account only.
enum SISImportRoutes {
    static func rootAccount(_ req: APIRequest, _ s: StoreState) throws -> Account {
        guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
        guard account.isRoot else {
            throw APIError(status: 400, body: .object([("errors", .array([.string("SIS imports can only be executed on root accounts")]))]))
        }
        return account
    }

    /// Canvas's attachment errors: `{"error":true,"error_message":…}`.
    static func attachmentError(_ message: String) -> APIError {
        APIError(status: 400, body: .object([("error", .bool(true)), ("error_message", .string(message))]))
    }

    static func find(_ req: APIRequest, _ s: StoreState, account: Account) throws -> SISImport {
        guard case .id(let id) = req.ref("id"), let imp = s.sisImports[id], imp.accountId == account.id else { throw APIError.notFound }
        return imp
    }

    static func register(_ t: inout RouteTable) {
        t.add("POST", "/api/v1/accounts/:account_id/sis_imports") { req, s in
            try create(req, &s)
        }

        t.add("GET", "/api/v1/accounts/:account_id/sis_imports") { req, s in
            let account = try rootAccount(req, s)
            let p = req.params
            let states = p.strings("workflow_state").map(Set.init)
            let since = p.string("created_since").flatMap(Timestamp.init(iso8601:))
            let before = p.string("created_before").flatMap(Timestamp.init(iso8601:))
            let picked = s.sisImports.values.filter { imp in
                imp.accountId == account.id
                    && (states.map { $0.contains("all") || $0.contains(imp.workflowState) } ?? true)
                    && (since.map { imp.createdAt >= $0 } ?? true) && (before.map { imp.createdAt < $0 } ?? true)
            }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            // Newest first; Canvas does not count the total, so no rel="last".
            let (page, link) = req.pagination.ordinal(picked, countTotal: false)
            return APIResponse(body: .object([("sis_imports", .array(page.map { s.sisImportJSON($0, origin: req.origin) }))]), link: link)
        }

        t.add("GET", "/api/v1/accounts/:account_id/sis_imports/importing") { req, s in
            let account = try rootAccount(req, s)
            let running = s.sisImports.values.filter {
                $0.accountId == account.id && ($0.workflowState == "importing" || $0.workflowState == "cleanup_batch")
            }.sorted { $0.id < $1.id }
            return .json(.object([("sis_imports", .array(running.map { s.sisImportJSON($0, origin: req.origin) }))]))
        }

        t.add("PUT", "/api/v1/accounts/:account_id/sis_imports/abort_all_pending") { req, s in
            let account = try rootAccount(req, s)
            for var imp in s.sisImports.values where imp.accountId == account.id && imp.workflowState == "created" {
                imp.workflowState = "aborted"
                imp.progress = 100
                imp.updatedAt = s.now
                s.put(imp)
            }
            return .json(.object([("aborted", .bool(true))]))
        }

        t.add("GET", "/api/v1/accounts/:account_id/sis_imports/:id") { req, s in
            let account = try rootAccount(req, s)
            return .json(s.sisImportJSON(try find(req, s, account: account), origin: req.origin))
        }

        t.add("GET", "/api/v1/accounts/:account_id/sis_imports/:id/errors") { req, s in
            let account = try rootAccount(req, s)
            let imp = try find(req, s, account: account)
            let onlyFailures = req.params.bool("failure") == true
            let picked = imp.isFinished ? imp.messages.filter { !onlyFailures || $0.failure } : []
            let (page, link) = req.pagination.ordinal(picked, countTotal: false)
            let items: [JSON] = page.map { m in
                .object([
                    ("sis_import_id", .int(imp.id)), ("file", .string(m.file)), ("message", .string(m.message)),
                    ("row_info", .null), ("row", .int(m.row)),
                ])
            }
            return APIResponse(body: .object([("sis_import_errors", .array(items))]), link: link)
        }

        t.add("PUT", "/api/v1/accounts/:account_id/sis_imports/:id/abort") { req, s in
            let account = try rootAccount(req, s)
            var imp = try find(req, s, account: account)
            // `sis_batches.not_completed.find(id)` (`app/controllers/sis_imports_api_controller.rb`):
            // an import that already finished is not found.
            guard ["initializing", "created", "importing", "cleanup_batch"].contains(imp.workflowState) else {
                throw APIError.notFound
            }
            imp.workflowState = "aborted"
            imp.endedAt = s.now
            imp.updatedAt = s.now
            s.put(imp)
            return .json(s.sisImportJSON(imp, origin: req.origin))
        }
    }

    // MARK: create

    static func create(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        let account = try rootAccount(req, s)
        let p = req.params
        let importType = p.string("import_type") ?? "instructure_csv"
        guard importType == "instructure_csv" else { throw APIError.message("invalid import type parameter") }

        // The file: a multipart `attachment`, or the request body itself.
        let bytes: [UInt8]
        let name: String
        let isZip: Bool
        if let file = req.files["attachment"] {
            bytes = file.data
            name = file.filename ?? "sis_upload"
            let ext = p.string("extension")?.lowercased() ?? (name.lowercased().hasSuffix(".csv") ? "csv" : name.lowercased().hasSuffix(".zip") ? "zip" : nil)
            isZip = ext.map { $0 == "zip" } ?? ZipReader.looksLikeZip(bytes)
        } else if !req.rawBody.isEmpty {
            if let charset = charset(req.contentType), charset != "utf-8" && charset != "utf8" {
                throw attachmentError("Invalid content type, UTF-8 required")
            }
            let ext = p.string("extension")?.lowercased() ?? inferredExtension(req.contentType)
            isZip = ext != "csv"
            bytes = req.rawBody
            name = "sis_import.\(isZip ? "zip" : "csv")"
        } else {
            throw attachmentError("Missing attachment")
        }

        var o = SISImportOptions()
        o.overrideSisStickiness = p.bool("override_sis_stickiness") ?? false
        // Both only count together with the override; clearing wins over adding.
        o.addSisStickiness = o.overrideSisStickiness && (p.bool("add_sis_stickiness") ?? false)
        o.clearSisStickiness = o.overrideSisStickiness && (p.bool("clear_sis_stickiness") ?? false)
        o.skipDeletes = p.bool("skip_deletes") ?? false
        if p.bool("multi_term_batch_mode") == true {
            throw APIError.message("canvas-sim does not support multi_term_batch_mode")
        }
        if let raw = p.string("change_threshold"), !raw.isEmpty {
            guard let n = Int(raw), (1...100).contains(n) else { throw APIError.message("change_threshold must be between 1 and 100") }
            o.changeThreshold = n
        }
        if p.bool("batch_mode") == true {
            guard let raw = p.string("batch_mode_term_id"), !raw.isEmpty, let term = s.term(IdRef(raw), includeDeleted: false) else {
                throw APIError.message("Batch mode specified, but the given batch_mode_term_id cannot be found.")
            }
            o.batchMode = true
            o.batchModeTermId = term.id
        }
        if let drop = p.string("batch_mode_enrollment_drop_status"), !drop.isEmpty {
            guard ["deleted", "completed", "inactive"].contains(drop) else {
                throw APIError.message("batch_mode_enrollment_drop_status must be one of deleted, completed or inactive")
            }
            o.batchModeEnrollmentDropStatus = drop
        }
        o.diffingDataSetIdentifier = p.string("diffing_data_set_identifier").flatMap { $0.isEmpty ? nil : $0 }
        o.diffingRemaster = p.bool("diffing_remaster_data_set")
        o.diffingDropStatus = p.string("diffing_drop_status")

        let now = s.now
        let imp = SISImport(
            id: s.nextId("sis_import"), accountId: account.id, workflowState: "created", progress: 0, importType: importType,
            options: o, suppliedBatches: nil, counts: nil, messages: [], errorMessage: nil, errorsAttachmentId: nil,
            userId: req.callerUserId, createdAt: now, startedAt: nil, endedAt: nil, updatedAt: now)
        s.put(imp)
        var response = APIResponse.json(s.sisImportJSON(imp, origin: req.origin))
        let id = imp.id
        response.afterCommit = { core in
            core.imports.enqueue { await SISImportJob.run(core: core, id: id, bytes: bytes, isZip: isZip, name: name) }
        }
        return response
    }

    static func charset(_ contentType: String) -> String? {
        for piece in contentType.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingWhitespace() == "charset" {
                return kv[1].trimmingWhitespace().trimmingCharacters(in: ["\""]).lowercased()
            }
        }
        return nil
    }

    /// From the content type, falling back to zip.
    static func inferredExtension(_ contentType: String) -> String {
        let type = contentType.split(separator: ";").first.map { $0.trimmingWhitespace() } ?? ""
        switch type {
        case "text/csv", "text/plain", "text/comma-separated-values", "application/csv": return "csv"
        default: return "zip"
        }
    }
}
