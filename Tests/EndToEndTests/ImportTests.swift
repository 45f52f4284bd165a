import Foundation
import Testing

/// `easel import` against a Canvas already in use (`examples/seeds/in-use.json`: two
/// sub-accounts, terms with and without SIS ids, courses in every state, enrollments in
/// every state, a custom role, an observer, a course and a user without SIS ids), and the
/// promise that matters: planning the imported config shows no changes.
@Suite(.serialized) struct ImportTests {
    static let seed = "examples/seeds/in-use.json"

    @Test func anImportedConfigPlansToNoChanges() async throws {
        try await SimHarness.with(seed: Self.seed) { sim in
            let file = sim.directory.appendingPathComponent("easel.yaml").path

            let run = await sim.easel(["import", "--out", file])
            #expect(run.code == 0, "\(run.err)")
            #expect(run.err.contains("Imported 2 terms, 8 courses (and 2 without a SIS id, commented out), 2 sections, 14 users, 23 enrollments"), "\(run.err)")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            // Sub-accounts by SIS id, section dates, an inactive enrollment, an observer, a custom role.
            for expected in [
                "account: sis_account_id:HS", "account: sis_account_id:MS", "- id: F26-MATH101-P2\n        name: Period 2\n        start: 2026-09-01",
                "section: F26-MATH101-P2\n        state: inactive", "role: observer\n        observing: S1001", "- name: Grader\n    base: ta",
                "role: Grader", "sortable_name: Smith, Johnny", "published: false", "start: 2026-09-01\n    end: 2026-12-20",
            ] {
                #expect(text.contains(expected), "missing: \(expected)")
            }
            // A course of a term without a SIS id comes without `term`, one without a SIS id commented out.
            #expect(text.contains("  - id: PD-WORKSHOP\n    name: Workshop Planning\n    code: WS\n    published: true\n"))
            #expect(text.contains("  #   name: Playground\n"))
            // Not imported: a deleted course, concluded/deleted/rejected enrollments and users only they name.
            for absent in ["F26-GEO-OLD", "S1006", "S1007", "S1011"] {
                #expect(!text.contains(absent), "should not be imported: \(absent)")
            }

            #expect(await sim.easel(["validate", file]).code == 0)
            let plan = await sim.easel(["plan", file, "--detailed-exitcode"])
            #expect(plan.code == 0, "\(plan.out)\(plan.err)")
            #expect(plan.out.contains("No changes. Canvas matches the configuration."))
            #expect(await sim.easel(["drift", file]).code == 0)
        }
    }

    @Test func aCourseWithoutASISIdComesOutCommentedWithItsCanvasId() async throws {
        try await SimHarness.with(seed: Self.seed) { sim in
            let run = await sim.easel(["import"])
            #expect(run.code == 0, "\(run.err)")
            #expect(run.out.contains("""
                  # Canvas course 5001 ('Teachers' Lounge') has no SIS id, and easel manages courses by SIS id.
                  # To manage it, uncomment it and give it an 'id': the plan then adopts it and sets that SIS id in Canvas.
                  # - canvas_id: 5001
                  #   name: Teachers' Lounge
                """), "\(run.out)")
            #expect(run.err.contains("warning: 2 courses have no SIS id (canvas 5001, "), "\(run.err)")
            #expect(run.err.contains("warning: 1 enrolled user has no SIS id ('guest@visitors.example')"))

            // Uncommented and given an id, the course is adopted, and the next plan is empty.
            var lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = try #require(lines.firstIndex(of: "  # - canvas_id: 5001"))
            lines[start] = "  - id: F26-LOUNGE\n    canvas_id: 5001"
            var i = start + 1
            while i < lines.count, lines[i].hasPrefix("  #   ") {
                lines[i] = "    " + lines[i].dropFirst(6)
                i += 1
            }
            let adopted = lines.joined(separator: "\n")
            let file = try sim.write("adopted.yaml", adopted)
            let plan = await sim.easel(["plan", file, "--detailed-exitcode"])
            #expect(plan.code == 2, "\(plan.err)\n\(adopted)")
            #expect(plan.out.contains("~ adopt course F26-LOUNGE (canvas 5001)"), "\(plan.out)")
            #expect(plan.out.contains("Plan: 0 to create, 1 to update"), "\(plan.out)")
            let apply = await sim.easel(["apply", file, "--auto-approve", "--journal", sim.directory.appendingPathComponent("j").path])
            #expect(apply.code == 0, "\(apply.err)")
            #expect(await sim.easel(["plan", file, "--detailed-exitcode"]).code == 0)
        }
    }

    @Test func aDirectorySplitsByTermOrByAccount() async throws {
        try await SimHarness.with(seed: Self.seed) { sim in
            let byTerm = sim.directory.appendingPathComponent("by-term").path
            let run = await sim.easel(["import", "--out", byTerm])
            #expect(run.code == 0, "\(run.err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: byTerm).sorted() == [
                "00-canvas.yaml", "10-users.yaml", "20-courses-2026-FALL.yaml", "20-courses-2027-SPRING.yaml",
                "20-courses-no-term.yaml",
            ])
            #expect(await sim.easel(["plan", byTerm, "--detailed-exitcode"]).code == 0)
            let spring = try String(contentsOfFile: byTerm + "/20-courses-2027-SPRING.yaml", encoding: .utf8)
            #expect(spring.contains("S27-SCI7") && !spring.contains("F26-"))

            let again = await sim.easel(["import", "--out", byTerm, "--split", "account"])
            #expect(again.code == 1)
            #expect(again.err.contains("already holds 00-canvas.yaml"), "\(again.err)")
            #expect(!again.err.contains("read Canvas"), "refused before reading")

            let forced = await sim.easel(["import", "--out", byTerm, "--split", "account", "--force"])
            #expect(forced.code == 0, "\(forced.err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: byTerm).sorted() == [
                "00-canvas.yaml", "10-users.yaml", "20-courses-HS.yaml", "20-courses-MS.yaml", "20-courses-account-4.yaml",
                "20-courses-root.yaml",
            ])
            #expect(await sim.easel(["plan", byTerm, "--detailed-exitcode"]).code == 0)

            let misuse = await sim.easel(["import", "--split", "term"])
            #expect(misuse.code != 0 && misuse.err.contains("--split needs --out DIR"), "\(misuse.err)")
        }
    }

    @Test func termAndAccountNarrowTheImport() async throws {
        try await SimHarness.with(seed: Self.seed) { sim in
            let run = await sim.easel(["import", "--term", "2027-SPRING", "--account", "sis_account_id:MS"])
            #expect(run.code == 0, "\(run.err)")
            #expect(run.out.contains("- id: 2027-SPRING") && !run.out.contains("2026-FALL"))
            #expect(run.out.contains("- id: S27-SCI7") && !run.out.contains("S27-MATH102"))
            #expect(run.out.contains("  account: 1\n"), "canvas.account stays the root account, where terms live")
            let file = try sim.write("spring.yaml", run.out)
            #expect(await sim.easel(["plan", file, "--detailed-exitcode"]).code == 0)

            let typo = await sim.easel(["import", "--term", "2027-SPRNG"])
            #expect(typo.code == 1)
            #expect(typo.err.contains("canvas has no active term with SIS id '2027-SPRNG' (--term) (did you mean '2027-SPRING'?)"), "\(typo.err)")
            let noAccount = await sim.easel(["import", "--account", "sis_account_id:XX"])
            #expect(noAccount.code == 1 && noAccount.err.contains("canvas has no account 'sis_account_id:XX'"), "\(noAccount.err)")
        }
    }

    @Test func usersCanBeKeyedByLogin() async throws {
        try await SimHarness.with(seed: Self.seed) { sim in
            let run = await sim.easel(["import", "--user-key", "login"])
            #expect(run.code == 0, "\(run.err)")
            #expect(run.out.contains("user_key: login"))
            #expect(run.out.contains("login: guest@visitors.example"), "the user without a SIS id is in")
            #expect(!run.err.contains("enrolled user has no"))
            let file = try sim.write("by-login.yaml", run.out)
            #expect(await sim.easel(["plan", file, "--detailed-exitcode"]).code == 0)
        }
    }

    /// The example school applied to an empty Canvas, imported back: a config from a
    /// `classes` block, 1,000 objects, round-trips to no changes.
    @Test func theAppliedExampleSchoolImportsToNoChanges() async throws {
        try await SimHarness.with { sim in
            let apply = await sim.easel([
                "apply", SimHarness.path("examples/school"), "--auto-approve", "--journal", sim.directory.appendingPathComponent("j").path,
            ])
            #expect(apply.code == 0, "\(apply.err.suffix(1000))")
            let out = sim.directory.appendingPathComponent("imported").path
            let run = await sim.easel(["import", "--out", out])
            #expect(run.code == 0, "\(run.err)")
            let plan = await sim.easel(["plan", out, "--detailed-exitcode"])
            #expect(plan.code == 0, "\(plan.out.suffix(2000))")
            // Everything, STAFF-ROOM of the Default Term included (written without a term); users
            // come in when an enrollment names them, and the example declares 3 that none does.
            #expect(await sim.easel(["validate", SimHarness.path("examples/school")]).out.contains("33 courses, 3 sections, 173 users, 811 enrollments"))
            #expect(await sim.easel(["validate", out]).out.contains("2 terms, 33 courses, 3 sections, 170 users, 811 enrollments"))
        }
    }
}
