/// How long and how often the client retries.
public struct RetryPolicy: Sendable {
    /// Tries per call for 5xx, timeouts and dropped connections (the first try included).
    public var maxAttempts = 6
    public var baseDelay: Duration = .milliseconds(500)
    public var maxDelay: Duration = .seconds(30)
    /// Throttle back-off starts here and doubles up to `maxThrottleDelay`.
    public var throttleBaseDelay: Duration = .seconds(1)
    public var maxThrottleDelay: Duration = .seconds(60)
    /// Total time one call may spend waiting out throttling before it gives up.
    public var maxThrottleWait: Duration = .seconds(600)
    /// A throttled response's `Retry-After` is honoured up to this long, and at least
    /// `minRetryAfter`, so neither a huge value nor `0` on every answer stalls or spins a run.
    public var maxRetryAfter: Duration = .seconds(120)
    public var minRetryAfter: Duration = .milliseconds(250)

    public init() {}

    /// Capped exponential back-off with "equal jitter": half fixed, half random, so
    /// callers that failed together do not come back together.
    func delay(attempt: Int, base: Duration, cap: Duration) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let full = min(base * (1 << exponent), cap)
        return full / 2 + full / 2 * Double.random(in: 0...1)
    }

    func failureDelay(attempt: Int) -> Duration { delay(attempt: attempt, base: baseDelay, cap: maxDelay) }
    func throttleDelay(attempt: Int) -> Duration { delay(attempt: attempt, base: throttleBaseDelay, cap: maxThrottleDelay) }

    /// The wait before re-sending a throttled request: the server's `Retry-After`, clamped,
    /// else the throttle back-off.
    func throttleDelay(attempt: Int, retryAfter: Duration?) -> Duration {
        guard let retryAfter else { return throttleDelay(attempt: attempt) }
        return min(max(retryAfter, minRetryAfter), maxRetryAfter)
    }
}
