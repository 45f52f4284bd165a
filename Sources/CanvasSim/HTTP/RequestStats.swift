/// What the API has served since the last reset: per route template, per status, and the
/// throttled, faulted and dropped requests. `/__sim/*` is not counted.
public struct RequestStats: Codable, Equatable, Sendable {
    public var total = 0
    /// Keyed by route template, e.g. `GET /api/v1/courses/:course_id/enrollments`.
    public var byRoute: [String: Int] = [:]
    public var byStatus: [String: Int] = [:]
    public var throttled = 0
    public var faultsInjected = 0
    public var drops = 0
    /// Requests that matched no route (answered 404).
    public var unmatched = 0
    /// Requests sleeping out their injected latency now, and the most at once.
    public var waiting = 0
    public var peakWaiting = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case total, throttled, drops, unmatched
        case waiting
        case byRoute = "by_route", byStatus = "by_status", faultsInjected = "faults_injected", peakWaiting = "peak_waiting"
    }

    /// Requests that reached the route `template` (e.g. `POST /api/v1/courses/:course_id/enrollments`).
    public func count(_ template: String) -> Int { byRoute[template] ?? 0 }
}
