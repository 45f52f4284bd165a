import CanvasSim
import EaselCore
import Testing

@Suite(.serialized) struct LostResponseTests {
    /// A quarter of the writes do their work and lose their response; the client reads back
    /// (creates) or re-sends (idempotent updates and removals), and nothing is duplicated.
    @Test func applyingThroughLostResponsesConvergesWithoutDuplicates() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let plan = try await e2e.plan(School.config)
            e2e.sim.reseedFaults(7)
            e2e.sim.updateConfig { $0.dropRate = 0.25 }
            let failures = try await e2e.apply(plan, config: School.config)
            let drifted = School.config.edited(
                replacing: "{user: S1002, role: student, section: MATH-P1}", with: "{user: S1002, role: student, section: MATH-P2}")
            let replace = try await e2e.plan(drifted)
            let replaceFailures = try await e2e.apply(replace, config: drifted)
            let drops = e2e.sim.requestStats.drops
            e2e.sim.updateConfig { $0.dropRate = 0 }

            #expect(failures.isEmpty && replaceFailures.isEmpty, "\(failures + replaceFailures)")
            #expect(drops > 3)
            let state = e2e.sim.snapshot()
            #expect(state.courses.count(where: { $0.sisCourseId != nil }) == 2)
            #expect(state.sections.count(where: { $0.sisSectionId != nil }) == 3)
            #expect(state.users.count == 5)
            #expect(state.enrollments.count(where: { $0.workflowState != "deleted" }) == 9)
            let again = try await e2e.plan(drifted)
            #expect(again.operations.isEmpty, "\(EndToEnd.lines(again))")
        }
    }
}
