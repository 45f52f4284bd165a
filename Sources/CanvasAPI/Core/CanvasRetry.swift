/// A retry the client is about to make, reported through `CanvasClient.Configuration.onRetry`
/// before it waits, so a user sees why a run is slow instead of silence.
public struct CanvasRetry: Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Canvas (or a proxy in front of it) throttled the request.
        case throttled
        /// A 5xx, a timeout, a refused or dropped connection.
        case failed
    }

    public let reason: Reason
    public let method: String
    /// Path and query, redacted as in `CanvasRequestLog`.
    public let path: String
    /// The attempt about to be made: 2 for the first retry.
    public let attempt: Int
    /// Attempts allowed for a failure; nil for throttling, which is bounded by time instead.
    public let maxAttempts: Int?
    public let delay: Duration
    /// What went wrong: `connection failed: …`, `status 503`, `rate limited (429)`.
    public let problem: String

    public init(
        reason: Reason, method: String, path: String, attempt: Int, maxAttempts: Int?, delay: Duration, problem: String
    ) {
        self.reason = reason
        self.method = method
        self.path = path
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.problem = problem
    }

    /// `retrying GET /api/v1/accounts/1 in 2 s (attempt 2 of 6): connection failed: …`
    public var description: String {
        let count = maxAttempts.map { "attempt \(attempt) of \($0)" } ?? "attempt \(attempt)"
        return "retrying \(method) \(path) in \(Self.seconds(delay)) (\(count)): \(problem)"
    }

    /// `0.4 s`, `2 s`, `1.5 s`; whole seconds from 10 s up.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value = Double(whole) + Double(fraction) / 1e18
        if value >= 10 { return "\(Int(value.rounded())) s" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
