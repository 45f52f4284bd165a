import CanvasAPI
import Foundation
import Testing

@Suite(.serialized) struct SavedPlanTests {
    static let school = SimHarness.path("examples/school")

    @Test func aSavedPlanIsShownAndApplied() async throws {
        try await SimHarness.with { sim in
            let planFile = sim.directory.appendingPathComponent("school.plan").path
            let plan = await sim.easel(["plan", Self.school, "--out", planFile])
            #expect(plan.code == 0, "\(plan.err)")
            let show = await sim.easel(["show", planFile])
            #expect(show.out.contains("Plan: 1021 to create, 1 to update, 0 to withdraw, 0 to replace."))
            let json = await sim.easel(["show", planFile, "--format", "json"])
            #expect(json.out.contains("\"format_version\" : 1"))
            #expect(!json.out.contains(SimHarness.token))
            let saved = try String(contentsOfFile: planFile, encoding: .utf8)
            #expect(!saved.contains(SimHarness.token))

            let apply = await sim.easel(["apply", "--plan", planFile, "--journal", sim.directory.appendingPathComponent("j").path])
            #expect(apply.code == 0, "\(apply.err.suffix(1500))")
            #expect(await sim.easel(["plan", Self.school, "--detailed-exitcode"]).code == 0)
        }
    }

    @Test func aSavedPlanIsRefusedWhenCanvasMovedUnderIt() async throws {
        try await SimHarness.with { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            #expect(await sim.easel(["apply", Self.school, "--auto-approve", "--journal", journal]).code == 0)

            // The reviewed plan renames a course...
            let config = try sim.write("small.yaml", """
                version: 1
                policy: {managed_roles: []}   # this config is about the course alone
                terms: [{id: 2026-FALL, name: Fall 2026, start: 2026-09-01, end: 2027-01-31}]
                courses:
                  - {id: 2026-FALL-10A-MATH, name: Algebra for 10A, code: 10A-MATH, term: 2026-FALL, published: true}
                """)
            let planFile = sim.directory.appendingPathComponent("rename.plan").path
            let made = await sim.easel(["plan", config, "--out", planFile])
            #expect(made.code == 0, "\(made.err)")
            // ...but someone renamed it by hand in the meantime.
            _ = try await sim.withClient { client in
                try await client.updateCourse(.sis(.course, "2026-FALL-10A-MATH"), CourseParams(name: "Maths (by hand)"))
            }
            let apply = await sim.easel(["apply", "--plan", planFile, "--journal", journal])
            #expect(apply.code == 1)
            #expect(apply.err.contains("live Canvas has changed since the plan was made"))
            #expect(apply.err.contains("course 2026-FALL-10A-MATH: name was \"Grade 10 A · Mathematics\" when planned, is \"Maths (by hand)\" now"))
        }
    }

    @Test func aSavedPlanIsRefusedForAnotherCanvas() async throws {
        try await SimHarness.with { sim in
            let planFile = sim.directory.appendingPathComponent("p.plan").path
            #expect(await sim.easel(["plan", Self.school, "--out", planFile]).code == 0)
            let other = await sim.easel(["apply", "--plan", planFile], environment: ["CANVAS_URL": "https://other.instructure.com"])
            #expect(other.code == 1)
            #expect(other.err.contains("the plan was made for \(sim.server.baseURL), not https://other.instructure.com"))
        }
    }
}

@Suite(.serialized) struct FailedOperationTests {
    @Test func aFailedCourseCreationSkipsItsSectionsAndEnrollmentsAndSaysSo() async throws {
        try await SimHarness.with { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            let term = try sim.write("term.yaml", """
                version: 1
                terms: [{id: T9, name: Term 9, start: 2026-09-01, end: 2027-06-30}]
                """)
            #expect(await sim.easel(["apply", term, "--auto-approve", "--journal", journal]).code == 0)
            let course = try sim.write("course.yaml", """
                version: 1
                terms: [{id: T9, name: Term 9, start: 2026-09-01, end: 2027-06-30}]
                users: [{id: U9, name: Una Nine, login: una9}]
                courses:
                  - id: C9
                    name: Course Nine
                    term: T9
                    sections: [{id: C9-A, name: Section A}]
                    enrollments: [{user: U9, role: student, section: C9-A}]
                """)
            let planFile = sim.directory.appendingPathComponent("c9.plan").path
            #expect(await sim.easel(["plan", course, "--out", planFile]).code == 0)
            // The term goes away after the plan was reviewed: Canvas refuses the course.
            _ = try await sim.withClient { client in try await client.deleteTerm(account: .id("1"), .sis(.term, "T9")) }
            let apply = await sim.easel(["apply", "--plan", planFile, "--journal", journal])
            #expect(apply.code == 1)
            #expect(apply.err.contains("Apply failed: 1 of 4 operations done."), "\(apply.err)")
            #expect(apply.err.contains("failed: create course C9:"))
            #expect(apply.err.contains("skipped: create section C9-A (it needs course:C9, which failed)"))
            #expect(apply.err.contains("skipped: create enrollment C9/U9/student/C9-A (it needs course:C9, which failed)"))
            let entries = try String(contentsOfFile: journal, encoding: .utf8)
            #expect(entries.contains("\"outcome\":\"skipped\""))
            #expect(entries.contains("\"outcome\":\"failed\""))
        }
    }
}
