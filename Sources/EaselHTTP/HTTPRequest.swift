/// One HTTP request as a transport sends it.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute `http://` or `https://` URL, already percent-encoded.
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]?
    /// Total time allowed for this request, connect included; `nil` uses the transport's default.
    public var timeout: Duration?

    public init(
        method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8]? = nil, timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
