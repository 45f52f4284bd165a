import EaselHTTP
import Foundation
import Synchronization

/// Typed client for the Canvas REST API.
///
/// Safe to share between tasks: the limiter and counters are lock-protected and everything
/// else is immutable. Every call goes through one pipeline that sizes parallelism from
/// Canvas's rate-limit headers, backs off from throttling, retries reads, and settles lost
/// writes by reading back (see `write(_:_:query:body:readBack:as:)`).
///
/// ```swift
/// let transport = try CurlTransport()
/// let client = try CanvasClient(
///     baseURL: "https://school.instructure.com", token: try CanvasToken.load(tokenFile: nil),
///     transport: transport)
/// let course = try await client.course(.sis(.course, "2026F-MATH101-A"))
/// await transport.shutdown()
/// ```
public final class CanvasClient: Sendable {
    /// Behaviour of one client; the defaults suit a hosted Canvas.
    public struct Configuration: Sendable {
        public var throttle = ThrottlePolicy()
        public var retry = RetryPolicy()
        /// `per_page` on listings; Canvas caps it at 100.
        public var perPage = 100
        /// Per-request time limit; nil uses the transport's.
        public var requestTimeout: Duration?
        public var sisIdEncoding = SISIdEncoding.hexWhenProxyUnsafe
        public var userAgent = "easel"
        /// Called once per HTTP request sent (`--verbose`).
        public var log: (@Sendable (CanvasRequestLog) -> Void)?
        /// Called before each retry's wait: after throttling, a 5xx or a transport failure.
        public var onRetry: (@Sendable (CanvasRetry) -> Void)?

        public init() {}
    }

    let base: CanvasBaseURL
    let token: CanvasToken
    let transport: any HTTPTransport
    let configuration: Configuration
    let limiter: AdaptiveLimiter
    let counters = Mutex(CanvasMetrics())

    /// Fails for a malformed URL, or for `http://` to anything but loopback.
    public init(
        baseURL: String, token: CanvasToken, transport: any HTTPTransport,
        configuration: Configuration = Configuration()
    ) throws(CanvasConfigurationError) {
        base = try CanvasBaseURL(baseURL)
        self.token = token
        self.transport = transport
        self.configuration = configuration
        limiter = AdaptiveLimiter(policy: configuration.throttle)
    }

    /// `scheme://host[:port]` of the Canvas this client talks to.
    public var origin: String { base.origin }

    public var metrics: CanvasMetrics {
        var snapshot = counters.withLock { $0 }
        snapshot.currentParallelism = limiter.limit
        snapshot.lowestParallelism = limiter.lowestLimit
        return snapshot
    }

    /// A path segment for `ref`, escaped per `configuration.sisIdEncoding`.
    func segment(_ ref: CanvasRef) -> String {
        ref.pathSegment(configuration.sisIdEncoding)
    }

    /// An id-valued parameter for `ref` (`sis_user_id:S1`, or its `hex:` form).
    func parameter(_ ref: CanvasRef) -> String {
        ref.parameterValue(configuration.sisIdEncoding)
    }

    func url(_ path: String, query: FormFields) -> String {
        base.origin + base.prefix + path + (query.isEmpty ? "" : "?" + query.encoded)
    }
}
