/// Counters of one client since it was created.
public struct CanvasMetrics: Sendable, Equatable {
    /// Every HTTP request handed to the transport, retries and read-backs included.
    public var requestsSent = 0
    /// Requests sent again after a throttle, a 5xx, a timeout or a dropped connection.
    public var retries = 0
    /// Responses that were Canvas's rate limit (403/429 "Rate Limit Exceeded").
    public var throttledResponses = 0
    /// Read-backs run to settle writes whose response was lost.
    public var readBacks = 0
    /// The limiter's current ceiling on requests in flight.
    public var currentParallelism = 0
    /// The lowest ceiling it has had.
    public var lowestParallelism = 0

    public init() {}
}
