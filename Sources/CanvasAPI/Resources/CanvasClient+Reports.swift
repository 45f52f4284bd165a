import Foundation
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
    /// Canvas answers a file download with a redirect to its file store, so this follows up
    /// to `maxDownloadRedirects` of them, hop by hop: only to `https`, or to plain `http` on
    /// loopback, and with the token only on this Canvas's own origin (a custom
    /// `Authorization` header must not reach the file store or anyone it redirects to). A
    /// URL that starts off this Canvas is refused rather than sent the token.
    public func download(_ url: String) async throws -> [UInt8] {
        guard base.owns(url) else {
            throw CanvasError(
                kind: .unexpected, status: nil, method: "GET", path: CanvasRequestLog.redactedPath(url),
                message: "the file is not on \(origin); not sending the token there")
        }
        var current = url
        for _ in 0...Self.maxDownloadRedirects {
            let request = CanvasRequest(
                method: .get, url: current, body: nil, authorized: base.owns(current), returnsRedirects: true)
            let response = try await perform(request)
            guard (300..<400).contains(response.status), let location = response.headers["Location"] else {
                return response.body
            }
            current = try Self.redirectTarget(location, from: current, request: request)
        }
        throw CanvasError(
            kind: .unexpected, status: nil, method: "GET", path: CanvasRequestLog.redactedPath(url),
            message: "more than \(Self.maxDownloadRedirects) redirects")
    }

    static let maxDownloadRedirects = 5

    /// The absolute URL a download's redirect points at, if the download may go there.
    static func redirectTarget(_ location: String, from current: String, request: CanvasRequest) throws -> String {
        let refuse = { (why: String) in
            CanvasError(
                kind: .unexpected, status: nil, method: "GET", path: request.path,
                message: "refusing the redirect to '\(CanvasRequestLog.redactedLocation(location))': \(why)")
        }
        guard let target = URL(string: location, relativeTo: URL(string: current))?.absoluteURL,
            let scheme = target.scheme?.lowercased(), let host = target.host, !host.isEmpty
        else { throw refuse("not a url") }
        switch scheme {
        case "https": break
        case "http" where CanvasBaseURL.isLoopback(host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))):
            break
        case "http": throw refuse("plain http off loopback")
        default: throw refuse("only https is followed")
        }
        return target.absoluteString
    }
}
