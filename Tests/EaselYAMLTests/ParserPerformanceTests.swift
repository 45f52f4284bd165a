import EaselYAML
import Testing

@Suite struct ParserPerformanceTests {
    /// About 2 MB: the size of a large district's config. Times are measured by hand in release builds.
    @Test func parsesTwoMegabytesOfSmallMappings() throws {
        var text = "users:\n"
        text.reserveCapacity(2_100_000)
        for index in 0..<60_000 {
            text += "  - id: S\(100_000 + index)\n    name: N\(100_000 + index)\n"
        }
        #expect(text.utf8.count > 2_000_000)
        let result = YAML.parse(text, file: "big.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["users"]?.sequenceItems?.count == 60_000)
    }
}
