import CanvasAPI
import Foundation
import Testing

@Suite(.serialized) struct DriftEndToEndTests {
    static let school = SimHarness.path("examples/school")

    @Test func driftExitsTwoAndListsWhatDiffers() async throws {
        try await SimHarness.with { sim in
            #expect(await sim.easel(["apply", Self.school, "--auto-approve", "--journal", sim.directory.appendingPathComponent("j").path]).code == 0)
            #expect(await sim.easel(["drift", Self.school]).code == 0)
            try await sim.withClient { client in
                _ = try await client.updateCourse(.sis(.course, "2026-FALL-10B-ENG"), CourseParams(name: "English (renamed)"))
                _ = try await client.createEnrollment(
                    in: .course(.sis(.course, "2026-FALL-10B-ENG")),
                    NewEnrollment(user: .sis(.user, "T119"), type: .teacher, state: .active))
            }
            let drift = await sim.easel(["drift", Self.school])
            #expect(drift.code == 2)
            #expect(drift.out.contains("Canvas has drifted from the configuration"))
            #expect(drift.out.contains("~ course 2026-FALL-10B-ENG"))
            #expect(drift.out.contains("name: \"English (renamed)\" → \"Grade 10 B · English\""))
            #expect(drift.out.contains("- conclude teacher T119 in 2026-FALL-10B-ENG"))
            #expect(drift.out.contains("Plan: 0 to create, 1 to update, 1 to withdraw, 0 to replace."))
            let json = await sim.easel(["drift", Self.school, "--format", "json"])
            #expect(json.code == 2)
            #expect(json.out.contains("\"action\" : \"conclude\""))
            let markdown = await sim.easel(["drift", Self.school, "--format", "markdown"])
            #expect(markdown.out.hasPrefix("### easel drift: 0 to create, 1 to update, 1 to withdraw, 0 to replace"))
        }
    }

    @Test func aBadTokenFailsFastAndIsNeverPrinted() async throws {
        try await SimHarness.with { sim in
            let run = await sim.easel(["plan", Self.school, "--verbose"], environment: ["CANVAS_TOKEN": "not-the-token-123"])
            #expect(run.code == 1)
            #expect(run.err.contains("token"))
            #expect(!(run.out + run.err).contains("not-the-token-123"))
        }
    }

    @Test func maxWithdrawStopsThePlan() async throws {
        try await SimHarness.with { sim in
            #expect(await sim.easel(["apply", Self.school, "--auto-approve", "--journal", sim.directory.appendingPathComponent("j").path]).code == 0)
            // The same school with four students gone from class 10A: 20 of 810 managed enrollments withdrawn (2.5%).
            let dir = sim.directory.appendingPathComponent("school-less")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for name in ["00-school.yaml", "10-users.yaml", "20-timetable.yaml", "30-courses.yaml"] {
                var text = try String(contentsOfFile: "\(Self.school)/\(name)", encoding: .utf8)
                if name == "00-school.yaml" { text = text.edited(replacing: "max_withdraw: 10%", with: "max_withdraw: 2%") }
                for student in ["S1001", "S1002", "S1003", "S1004"] where name == "20-timetable.yaml" {
                    text = text.edited(replacing: "        - \(student)\n", with: "")
                }
                try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let plan = await sim.easel(["plan", dir.path])
            #expect(plan.code == 1)
            #expect(plan.err.contains("the plan withdraws 20 of 810 managed enrollments (2.5%), more than max_withdraw 2%"))
            #expect(plan.err.contains("If this is intended, run again with --allow-mass-withdraw"))
            let allowed = await sim.easel(["plan", dir.path, "--allow-mass-withdraw", "--detailed-exitcode"])
            #expect(allowed.code == 2, "\(allowed.err)")
        }
    }
}
