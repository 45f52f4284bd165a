import BulkFiles
import Testing

/// What a zip's directory claims about an entry's size bounds nothing but the check: the
/// buffer is what the compressed bytes can fill.
@Suite struct InflateTests {
    @Test func aHugeClaimedSizeAllocatesOnlyWhatTheBytesCanFill() throws {
        let original = [UInt8](repeating: 0, count: 10_000)
        let compressed = try Deflate.deflate(original)
        // A terabyte claimed: allocating it (as before) traps; the bytes fill 10,000.
        let inflated = try Deflate.inflate(compressed[...], expected: 1 << 40)
        #expect(inflated == original)
    }

    @Test func moreThanTheClaimedSizeIsRefused() throws {
        let compressed = try Deflate.deflate([UInt8](repeating: 7, count: 5_000))
        #expect(throws: (any Error).self) { _ = try Deflate.inflate(compressed[...], expected: 4_000) }
        #expect(try Deflate.inflate(compressed[...], expected: 5_000).count == 5_000)
    }
}
