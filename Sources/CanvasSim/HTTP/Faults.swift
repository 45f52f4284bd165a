import Synchronization
/// The randomness behind latency jitter, injected faults and dropped responses; seedable so
/// a test sees the same sequence on every run.
final class Faults: Sendable {
    private let rng: Mutex<SplitMix64>

    init(seed: UInt64?) {
        rng = Mutex(SplitMix64(seed: seed ?? UInt64.random(in: 0...UInt64.max)))
    }

    /// Uniform in [0, 1).
    func unit() -> Double {
        rng.withLock { Double($0.next() >> 11) * 0x1.0p-53 }
    }

    func chance(_ rate: Double) -> Bool { rate > 0 && unit() < rate }

    /// 500, 502 or 503, equally likely.
    func faultStatus() -> Int { [500, 502, 503][Int(unit() * 3) % 3] }

    func reseed(_ seed: UInt64) { rng.withLock { $0 = SplitMix64(seed: seed) } }
}

struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
