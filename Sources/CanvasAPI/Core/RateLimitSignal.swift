import Foundation
import EaselHTTP

/// What one response says about Canvas's rate-limit bucket (digest §3).
struct RateLimitSignal: Sendable, Equatable {
    /// `X-Rate-Limit-Remaining`: high-water mark minus the bucket's fill.
    var remaining: Double?
    /// `X-Request-Cost`: what this request charged.
    var cost: Double?
    /// A 403/429 that is Canvas's throttle, not a permission failure.
    var throttled: Bool

    init(remaining: Double?, cost: Double?, throttled: Bool) {
        self.remaining = remaining
        self.cost = cost
        self.throttled = throttled
    }

    init(_ response: HTTPResponse) {
        remaining = response.headers["X-Rate-Limit-Remaining"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        cost = response.headers["X-Request-Cost"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard response.status == 403 || response.status == 429 else {
            throttled = false
            return
        }
        let plainText = response.headers["Content-Type"]?.lowercased().hasPrefix("text/plain") ?? false
        throttled = response.bodyText.localizedCaseInsensitiveContains("rate limit exceeded")
            || (plainText && remaining.map { $0 <= 0 } == true)
    }
}
