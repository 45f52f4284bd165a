/// How the client sizes its parallelism from `X-Rate-Limit-Remaining` (`app/middleware/request_throttle.rb`; Canvas's API docs, "Throttling").
///
/// Each request in flight holds about 50 units of a ~600-unit bucket, so the client slows
/// down well before the bucket fills and speeds up again once it drains.
public struct ThrottlePolicy: Sendable {
    public var initialParallelism = 4
    public var maxParallelism = 8
    /// Below this remaining, halve the parallelism.
    public var slowDownBelow = 200.0
    /// Below this, one request at a time with `criticalSpacing` between starts.
    public var criticalBelow = 100.0
    /// Above this, add one request in flight, up to `maxParallelism`.
    public var speedUpAbove = 400.0
    public var criticalSpacing: Duration = .milliseconds(250)
    /// At most one halving or one increase per interval, so a burst of responses that all
    /// describe the same moment moves the limit once.
    public var adjustmentInterval: Duration = .milliseconds(500)

    public init() {}
}
