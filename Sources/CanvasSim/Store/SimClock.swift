import Foundation

/// The simulation's "now": the wall clock, optionally pinned to a fixed instant or shifted,
/// so tests can make a term end pass without waiting.
struct SimClock: Sendable {
    var fixed: Timestamp?
    var offsetSeconds: Int64 = 0

    var now: Timestamp {
        (fixed ?? Timestamp(Date())).adding(seconds: offsetSeconds)
    }
}
