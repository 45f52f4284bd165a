/// Sends HTTP requests. Every HTTP status is a response, not an error; errors are
/// `HTTPTransportError` (no response) or `CancellationError`-like `.cancelled`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
