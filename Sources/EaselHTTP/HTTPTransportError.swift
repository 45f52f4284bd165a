/// A request that produced no HTTP response.
///
/// `message` is libcurl's own text (host, port, what failed). It never holds a request
/// header, so a bearer token cannot leak through it.
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// DNS, TCP or proxy connect failed: the request never reached the server.
        case connectionFailed
        /// The connection broke after the request went out, before a full response came back.
        case connectionDropped
        case timedOut
        /// TLS handshake or certificate verification failed: nothing was sent.
        case tls
        case tooManyRedirects
        case responseTooLarge
        case invalidRequest
        case cancelled
        /// The transport was shut down before the request could run.
        case shutdown
        case other
    }

    public let kind: Kind
    public let message: String
    /// Whether any request bytes went out; `false` means even a non-idempotent request can be re-sent.
    public let requestSent: Bool

    public init(_ kind: Kind, _ message: String, requestSent: Bool) {
        self.kind = kind
        self.message = message
        self.requestSent = requestSent
    }

    public static let cancelled = HTTPTransportError(.cancelled, "request cancelled", requestSent: false)
    public static let shutdown = HTTPTransportError(.shutdown, "transport is shut down", requestSent: false)

    public var description: String {
        switch kind {
        case .connectionFailed: "connection failed: \(message)"
        case .connectionDropped: "connection dropped: \(message)"
        case .timedOut: "timed out: \(message)"
        case .tls: "tls failed: \(message)"
        case .tooManyRedirects: "too many redirects: \(message)"
        case .responseTooLarge: "response too large: \(message)"
        case .invalidRequest: "invalid request: \(message)"
        case .cancelled, .shutdown: message
        case .other: "transfer failed: \(message)"
        }
    }
}
