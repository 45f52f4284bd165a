import EaselCore
import Testing

/// The pure half of `easel import`: live state in, config text out, planned back to nothing.
@Suite struct ConfigImporterTests {
    /// Canvas as the example school leaves it, imported, loads and plans to no changes.
    @Test(arguments: ["examples/school", "examples/class-as-term"])
    func importOfAnAppliedConfigPlansToNoChanges(_ example: String) throws {
        let config = try #require(ConfigLoader.load(path: Fixtures.repository.appendingPathComponent(example).path).config)
        let live = LiveFixture.matching(config)
        let imported = ConfigImporter.build(live, canvasUrl: "https://canvas.example", userKey: config.policy.userKey)
        for files in [
            [("easel.yaml", ImportRenderer.single(imported, source: "test"))],
            ImportRenderer.split(imported, by: .term, source: "test").map { ($0.name, $0.text) },
        ] {
            let loaded = ConfigLoader.load(texts: files)
            #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(loaded.renderer.render).joined())")
            let back = try #require(loaded.config)
            #expect(back.counts.enrollments == imported.config.counts.enrollments)
            let plan = try Planner.plan(
                config: back, live: live, configHash: "", canvasUrl: "https://canvas.example",
                options: PlanOptions(now: ConfigDate(iso: "2026-08-01")!))
            #expect(plan.operations.isEmpty, "\(plan.operations.map(\.address).prefix(5))")
        }
    }

    /// A file whose only courses lack SIS ids still gets a `courses:` to uncomment.
    @Test func unkeyedCoursesAloneAreCommentedUnderACommentedKey() throws {
        var live = LiveState()
        live.terms = [LiveTerm(canvasId: "5", sisId: "T1", name: "Term", start: nil, end: nil)]
        live.courses = [LiveCourse(
            canvasId: "77", sisId: nil, name: "Sandbox", code: "SB", termCanvasId: "5", accountCanvasId: "1",
            workflowState: "available")]
        let imported = ConfigImporter.build(live, canvasUrl: nil)
        let text = ImportRenderer.single(imported, source: "test")
        #expect(text.hasSuffix("""
            # courses:

              # Canvas course 77 ('Sandbox') has no SIS id, and easel manages courses by SIS id.
              # To manage it, uncomment it and give it an 'id': the plan then adopts it and sets that SIS id in Canvas.
              # - canvas_id: 77
              #   name: Sandbox
              #   code: SB
              #   term: T1
              #   published: true

            """), "\(text)")
        let uncommented = text.edited(replacing: "# courses:", with: "courses:")
            .edited(replacing: "  # - canvas_id", with: "  - id: SANDBOX\n    canvas_id")
            .edited(replacing: "  #   ", with: "    ")
        let loaded = ConfigLoader.load(texts: [("easel.yaml", uncommented)])
        #expect(loaded.config?.courses.first?.canvasId == "77", "\(loaded.diagnostics.map(loaded.renderer.render).joined())")
    }
}
