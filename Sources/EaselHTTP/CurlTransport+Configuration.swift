extension CurlTransport {
    /// Limits and behaviour shared by every request the transport sends.
    public struct Configuration: Sendable {
        /// Time allowed to set up TCP and TLS.
        public var connectTimeout: Duration = .seconds(15)
        /// Total time allowed per request when the request sets none.
        public var requestTimeout: Duration = .seconds(120)
        /// Connections per host, idle ones included; size it to the caller's parallelism.
        public var maxConnectionsPerHost: Int = 8
        /// Redirects libcurl follows per request, to `https` only; `0` (the default) returns
        /// 3xx responses as they are, so the caller decides where a request may go and what
        /// it carries there.
        public var maxRedirects: Int = 0
        /// A response body larger than this fails with `.responseTooLarge`.
        public var maxResponseBytes: Int = 256 << 20
        public var userAgent: String = "easel"

        public init() {}
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive timeout never becomes "no timeout" (0).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(millis))
    }
}
