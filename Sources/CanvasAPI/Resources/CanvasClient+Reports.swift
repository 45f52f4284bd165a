import EaselHTTP

extension CanvasClient {
    /// Starts a run of `report` (e.g. `provisioning_csv`) on `account`; `parameters` are sent as
    /// `parameters[name]`. Not idempotent: a lost response may have started a run, which is
    /// harmless (reports only read) and simply never polled.
    public func startReport(account: CanvasRef, _ report: String, parameters: [(String, String)]) async throws
        -> CanvasReport
    {
        var form = FormFields()
        for (name, value) in parameters { form.add("parameters[\(name)]", value) }
        return try await send(.post, "/api/v1/accounts/\(segment(account))/reports/\(report)", body: .form(form))
    }

    /// One run's status.
    public func report(account: CanvasRef, _ report: String, id: CanvasID) async throws -> CanvasReport {
        try await get("/api/v1/accounts/\(segment(account))/reports/\(report)/\(id.rawValue)")
    }

    /// The bytes of a file on this Canvas, such as a finished report's `attachment.url`.
    ///
    /// Redirects (Canvas hands files to its file store) are followed; the token goes to this
    /// Canvas only. A URL on another host is refused rather than sent the token.
    public func download(_ url: String) async throws -> [UInt8] {
        guard base.owns(url) else {
            throw CanvasError(
                kind: .unexpected, status: nil, method: "GET", path: CanvasRequestLog.redactedPath(url),
                message: "the file is not on \(origin); not sending the token there")
        }
        return try await perform(CanvasRequest(method: .get, url: url, body: nil)).body
    }
}
