import EaselCore
import Testing

@Suite struct RenderTests {
    static let examples = ["examples/school", "examples/class-as-term"]

    /// render(config) loads to the same config, and renders to itself.
    @Test(arguments: examples)
    func renderIsAFixedPoint(_ example: String) throws {
        let loaded = ConfigLoader.load(path: Fixtures.repository.appendingPathComponent(example).path)
        let config = try #require(loaded.config)
        let once = ConfigRenderer.render(config)
        let reloaded = ConfigLoader.load(texts: [("rendered.yaml", once)])
        #expect(!reloaded.diagnostics.hasErrors, "\(reloaded.diagnostics.map(reloaded.renderer.render).joined())")
        let again = try #require(reloaded.config)
        #expect(again.counts == config.counts)
        #expect(ConfigRenderer.render(again) == once)
    }

    @Test func renderShowsGeneratedCoursesAndTheirEnrollments() throws {
        let loaded = ConfigLoader.load(path: Fixtures.repository.appendingPathComponent("examples/class-as-term").path)
        let text = ConfigRenderer.render(try #require(loaded.config))
        #expect(!text.contains("classes:"))
        #expect(text.contains("- id: 2026-Y1-LIT\n    name: Year 1 Literacy\n    code: Y1-LIT\n    term: 2026-Y1\n    published: true\n"))
    }
}
