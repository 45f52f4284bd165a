/// Options of `POST /accounts/:id/sis_imports` that easel uses (`app/controllers/sis_imports_api_controller.rb`, `create`).
public struct SISImportUploadOptions: Sendable, Equatable {
    /// Overwrite fields that UI or API edits made sticky (Canvas's default is to skip them).
    public var overrideSISStickiness = false
    /// With the override: leave the fields this import writes not sticky.
    public var clearSISStickiness = false

    public init(overrideSISStickiness: Bool = false, clearSISStickiness: Bool = false) {
        self.overrideSISStickiness = overrideSISStickiness
        self.clearSISStickiness = clearSISStickiness
    }
}

extension CanvasClient {
    /// Starts a SIS import of a zip of Canvas CSVs, sent as the raw request body
    /// (`import_type=instructure_csv&extension=zip`). Root accounts only.
    ///
    /// Like any POST, it is not re-sent once it may have reached Canvas; a lost response
    /// throws with `outcomeUnknown` set, and the caller decides (an import of upserts can be
    /// sent again without harm).
    public func createSISImport(account: CanvasRef, zip: [UInt8], _ options: SISImportUploadOptions) async throws
        -> CanvasSISImport
    {
        var query: FormFields = ["import_type": "instructure_csv", "extension": "zip"]
        if options.overrideSISStickiness { query.add("override_sis_stickiness", true) }
        if options.clearSISStickiness { query.add("clear_sis_stickiness", true) }
        return try await send(
            .post, "/api/v1/accounts/\(segment(account))/sis_imports", query: query,
            body: .raw(zip, contentType: "application/zip"))
    }

    /// The import's current state and progress.
    public func sisImport(account: CanvasRef, id: CanvasID) async throws -> CanvasSISImport {
        try await get("/api/v1/accounts/\(segment(account))/sis_imports/\(id.rawValue)")
    }

    /// Every warning and error of an import, with the row each is about (kept 30 days).
    public func sisImportErrors(account: CanvasRef, id: CanvasID) async throws -> [CanvasSISImportError] {
        try await list(
            "/api/v1/accounts/\(segment(account))/sis_imports/\(id.rawValue)/errors", wrappedIn: "sis_import_errors")
    }
}
