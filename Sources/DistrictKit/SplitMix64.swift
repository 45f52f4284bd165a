/// SplitMix64: a small generator whose sequence depends only on its seed, so a district is
/// the same on every machine (`SystemRandomNumberGenerator` cannot be seeded).
///
/// The helpers below draw from it directly rather than through `Int.random(in:using:)`, whose
/// algorithm the standard library does not promise to keep.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (Lemire's multiply-shift; the tiny bias does not matter here).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `0..<1`.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` distinct indices of `0..<population`, in the order drawn.
    public mutating func distinct(_ count: Int, of population: Int) -> [Int] {
        let count = min(count, population)
        if count * 2 > population {
            var all = Array(0..<population)
            for i in 0..<count { all.swapAt(i, i + below(population - i)) }
            return Array(all.prefix(count))
        }
        var seen = Set<Int>()
        var out: [Int] = []
        out.reserveCapacity(count)
        while out.count < count {
            let i = below(population)
            if seen.insert(i).inserted { out.append(i) }
        }
        return out
    }
}
