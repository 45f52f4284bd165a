import EaselHTTP

/// An in-memory transport: answers each request from `respond` and records it.
final class ScriptedTransport: HTTPTransport {
    private let respond: @Sendable (HTTPRequest, Int) throws -> HTTPResponse
    private let log = Locked<[HTTPRequest]>([])

    /// `respond` gets the request and its 0-based position among all requests sent.
    init(_ respond: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.respond = respond
    }

    var requests: [HTTPRequest] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return try respond(request, index)
    }

    static func json(_ status: Int, _ body: String, _ headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    static let lost = HTTPTransportError(.connectionDropped, "empty reply from server", requestSent: true)
}

extension HTTPRequest {
    /// The URL after the origin.
    var target: String { String(url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }
    var bodyText: String { String(decoding: body ?? [], as: UTF8.self) }
}
