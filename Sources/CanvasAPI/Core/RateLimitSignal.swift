import Foundation
import EaselHTTP

/// What one response says about Canvas's rate-limit bucket (`app/middleware/request_throttle.rb`;
/// Canvas API docs, "Throttling").
struct RateLimitSignal: Sendable, Equatable {
    /// `X-Rate-Limit-Remaining`: high-water mark minus the bucket's fill.
    var remaining: Double?
    /// `X-Request-Cost`: what this request charged.
    var cost: Double?
    /// A 429, or a 403 that is Canvas's throttle rather than a permission failure.
    var throttled: Bool
    /// `Retry-After` of a throttled response, never negative; nil when absent or unreadable.
    var retryAfter: Duration?

    init(remaining: Double?, cost: Double?, throttled: Bool, retryAfter: Duration? = nil) {
        self.remaining = remaining
        self.cost = cost
        self.throttled = throttled
        self.retryAfter = retryAfter
    }

    /// Every 429 is throttling, whatever its body: hosted Canvas answers throttled requests
    /// with 429 since its 2025-10 API change, and a proxy or load balancer in front of it
    /// sends its own 429s. A 403 is throttling only when its body says so (Canvas's older
    /// default, `403 Forbidden (Rate Limit Exceeded)`); any other 403 is a permission
    /// failure. `X-Rate-Limit-Remaining` is no sign: on a throttled request Canvas has
    /// already given back the up-front reservation, so it is rarely 0.
    init(_ response: HTTPResponse, now: Date = Date()) {
        remaining = response.headers["X-Rate-Limit-Remaining"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        cost = response.headers["X-Request-Cost"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch response.status {
        case 429: throttled = true
        case 403: throttled = response.bodyText.localizedCaseInsensitiveContains("rate limit exceeded")
        default: throttled = false
        }
        retryAfter = throttled ? response.headers["Retry-After"].flatMap { Self.retryAfter($0, now: now) } : nil
    }

    /// `Retry-After` (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date (past dates are 0).
    static func retryAfter(_ text: String, now: Date) -> Duration? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) {
                return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the obsolete RFC 850 and asctime forms a recipient must accept.
    private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}
