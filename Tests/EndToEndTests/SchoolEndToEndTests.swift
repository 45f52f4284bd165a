import CanvasSim
import Foundation
import Testing

/// The main job end to end: the example school planned, applied and checked against a
/// canvas-sim over real HTTP, through the same code the `easel` binary runs.
@Suite(.serialized) struct SchoolEndToEndTests {
    static let school = SimHarness.path("examples/school")

    @Test func anEmptyCanvasGetsTheFullPlanAppliedThenNoChanges() async throws {
        try await SimHarness.with { sim in
            let journal = sim.directory.appendingPathComponent("journal.jsonl").path

            let plan = await sim.easel(["plan", Self.school, "--detailed-exitcode"])
            #expect(plan.code == 2, "\(plan.err)")
            #expect(plan.out.contains("~ adopt course STAFF-ROOM (canvas 4321)"))
            #expect(plan.out.contains("+ term 2026-FALL"))
            #expect(plan.out.contains("Plan: 1021 to create, 1 to update, 0 to withdraw, 0 to replace."), "\(plan.out.suffix(400))")

            let apply = await sim.easel(["apply", Self.school, "--auto-approve", "--journal", journal])
            #expect(apply.code == 0, "\(apply.err.suffix(2000))")
            #expect(apply.out.contains("Apply complete: 1021 created, 1 updated, 0 withdrawn, 0 replaced."))

            let again = await sim.easel(["plan", Self.school, "--detailed-exitcode"])
            #expect(again.code == 0, "\(again.out.suffix(3000))")
            #expect(again.out.contains("No changes. Canvas matches the configuration."))
            let drift = await sim.easel(["drift", Self.school])
            #expect(drift.code == 0)

            let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"type\":\"operation\"") }
            #expect(lines.count == 1022)
            #expect(lines.allSatisfy { $0.contains("\"outcome\":\"done\"") })
        }
    }

    @Test func applyWithoutATerminalOrAutoApproveRefuses() async throws {
        try await SimHarness.with { sim in
            let run = await sim.easel(["apply", Self.school])
            #expect(run.code == 1)
            #expect(run.err.contains("refusing to apply without confirmation"))
            #expect(await sim.easel(["plan", Self.school, "--detailed-exitcode"]).code == 2, "nothing was applied")
        }
    }

    @Test func onlyYesConfirmsAnApply() async throws {
        try await SimHarness.with { sim in
            let no = await sim.easel(["apply", Self.school], terminal: true, input: "y")
            #expect(no.code == 1)
            #expect(no.out.contains("Apply cancelled; nothing was changed."))
            let yes = await sim.easel(["apply", Self.school, "--journal", sim.directory.appendingPathComponent("j").path], terminal: true, input: "yes")
            #expect(yes.code == 0, "\(yes.err.suffix(1000))")
        }
    }
}
