import Synchronization
/// Per-token leaky buckets (Canvas's `RequestThrottle`): a request reserves the up-front cost
/// on arrival and is refused when that brings the bucket to the high-water mark; at the end
/// the reservation is replaced by the real cost.
final class Throttle: Sendable {
    private struct Bucket {
        var fill: Double = 0
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    private static func leak(_ b: inout Bucket, now: ContinuousClock.Instant, outflow: Double) {
        let elapsed = now - b.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        b.fill = max(0, b.fill - seconds * outflow)
        b.updated = now
    }

    /// Reserves the up-front cost; `allowed` is false when the request must be throttled, and
    /// then `remaining` is what the bucket holds once the reservation is given back.
    func reserve(_ key: String, _ s: ThrottleSettings) -> (allowed: Bool, remaining: Double) {
        let now = ContinuousClock.now
        return buckets.withLock { all in
            var b = all[key] ?? Bucket(updated: now)
            Self.leak(&b, now: now, outflow: s.outflow)
            b.fill += s.upFrontCost
            let allowed = b.fill < s.highWaterMark
            if !allowed { b.fill -= s.upFrontCost }
            all[key] = b
            return (allowed, s.highWaterMark - b.fill)
        }
    }

    /// Swaps the reservation for the real cost; returns the remaining allowance (hwm − fill).
    func charge(_ key: String, cost: Double, _ s: ThrottleSettings) -> Double {
        let now = ContinuousClock.now
        return buckets.withLock { all in
            var b = all[key] ?? Bucket(updated: now)
            Self.leak(&b, now: now, outflow: s.outflow)
            b.fill = min(s.maximum, max(0, b.fill + cost - s.upFrontCost))
            all[key] = b
            return s.highWaterMark - b.fill
        }
    }

    func reset() { buckets.withLock { $0.removeAll() } }
}
