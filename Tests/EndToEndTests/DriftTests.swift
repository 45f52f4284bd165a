import CanvasAPI
import CanvasSim
import EaselCore
import Testing

/// One way live Canvas (or the config) moves away from an applied school, the operations
/// the next plan must show for it, and what else to check about them.
struct Drift: Sendable, CustomTestStringConvertible {
    var name: String
    /// Edits to `School.config`, made (and checked to have happened) when a test reads `config`.
    var edits: [(of: String, with: String)] = []
    /// Added at the end of `School.config` (inside its `courses:` list).
    var appended = ""
    /// Baseline operations left out, as a partial apply would.
    var skip: Set<String> = []
    var change: @Sendable (EndToEnd) async throws -> Void = { _ in }
    /// `action kind id`, with Canvas ids of users the config does not name written `canvas:N`.
    var expected: [String]
    var verify: @Sendable ([PlanOperation]) -> Void = { _ in }

    var testDescription: String { name }

    /// `School.config` with `edits` made and `appended` added; read inside a test, so a
    /// failed edit fails the test.
    var config: String { edits.reduce(School.config + appended) { $0.edited(replacing: $1.of, with: $1.with) } }

    static let math = CanvasRef.sis(.course, "2026F-MATH101-A")

    /// The one enrollment of `user` in `course` (in `section`, when given).
    static func enrollment(_ e2e: EndToEnd, _ course: CanvasRef, _ user: String, section: String? = nil) async throws
        -> CanvasEnrollment
    {
        let all = try await e2e.client.enrollments(.course(course), EnrollmentListQuery(user: .sis(.user, user)))
        return try #require(all.first { section == nil || $0.sisSectionId == section })
    }

    static let all: [Drift] = [
        Drift(
            name: "a course renamed in Canvas is renamed back",
            change: { e2e in _ = try await e2e.client.updateCourse(math, CourseParams(name: "Algebra One")) },
            expected: ["update course 2026F-MATH101-A"],
            verify: { ops in
                #expect(ops.first?.before == ["name": .string("Algebra One")])
                #expect(ops.first?.after == ["name": .string("Algebra I (A)")])
            }),
        Drift(
            name: "a teacher enrolled by hand is concluded",
            change: { e2e in
                let user = try await e2e.client.createUser(
                    NewUser(name: "Hal Hand", skipRegistration: true, login: .init(uniqueId: "hhand")))
                _ = try await e2e.client.createEnrollment(
                    in: .course(math), NewEnrollment(user: .id(user.id), type: .teacher, state: .active))
            },
            expected: ["conclude enrollment 2026F-MATH101-A/canvas:N/teacher"],
            verify: { ops in #expect(ops.first?.reason == "not in the config") }),
        Drift(
            name: "a student a partial apply missed is enrolled",
            skip: ["enrollment:2026F-MATH101-A/S1001/student/-"],
            expected: ["create enrollment 2026F-MATH101-A/S1001/student"]),
        Drift(
            name: "a concluded student is enrolled again by re-posting",
            change: { e2e in
                let e = try await enrollment(e2e, math, "S1002")
                _ = try await e2e.client.removeEnrollment(course: math, id: e.id, task: .conclude)
            },
            expected: ["reactivate enrollment 2026F-MATH101-A/S1002/student/MATH-P1"],
            verify: { ops in #expect(ops.first?.replaces != nil) }),
        Drift(
            name: "an inactive student is reactivated",
            change: { e2e in
                let e = try await enrollment(e2e, math, "S1003", section: "MATH-P2")
                _ = try await e2e.client.removeEnrollment(course: math, id: e.id, task: .inactivate)
            },
            expected: ["reactivate enrollment 2026F-MATH101-A/S1003/student/MATH-P2"],
            verify: { ops in #expect(ops.first?.replaces == nil) }),
        Drift(
            name: "an enrollment the config keeps inactive is inactivated again",
            change: { e2e in
                let bio = CanvasRef.sis(.course, "2026F-BIO-A")
                let e = try await enrollment(e2e, bio, "S1002")
                _ = try await e2e.client.reactivateEnrollment(course: bio, id: e.id)
            },
            expected: ["update enrollment 2026F-BIO-A/S1002/student/BIO-P1"]),
        Drift(
            name: "a student moved to another section is replaced",
            edits: [("{user: S1002, role: student, section: MATH-P1}", "{user: S1002, role: student, section: MATH-P2}")],
            expected: ["replace enrollment 2026F-MATH101-A/S1002/student/MATH-P2"]),
        Drift(
            name: "a changed custom role is replaced",
            edits: [("{user: S1001, role: Grader, section: BIO-P1}", "{user: S1001, role: ta, section: BIO-P1}")],
            expected: ["replace enrollment 2026F-BIO-A/S1001/ta/BIO-P1"]),
        Drift(
            name: "an unpublished course is published",
            change: { e2e in _ = try await e2e.client.updateCourse(math, CourseParams(event: .claim)) },
            expected: ["update course 2026F-MATH101-A"],
            verify: { ops in #expect(ops.first?.after == ["published": .bool(true)]) }),
        Drift(
            name: "a term renamed in Canvas is renamed back",
            change: { e2e in
                _ = try await e2e.client.updateTerm(account: .id("1"), .sis(.term, "2026-FALL"), TermParams(name: "Autumn"))
            },
            expected: ["update term 2026-FALL"]),
        Drift(
            name: "changed course and section dates are updated",
            edits: [
                ("end: 2027-01-20T17:00:00Z", "end: 2027-01-22T17:00:00Z"),
                ("start: 2026-09-01, end: 2026-12-20}", "start: 2026-09-02, end: 2026-12-20}"),
            ],
            expected: ["update course 2026F-MATH101-A", "update section MATH-P1"],
            verify: { ops in
                #expect(ops.first?.after == ["end": .string("2027-01-22T17:00:00Z")])
                #expect(ops.last?.after == ["start": .string("2026-09-02")])
            }),
        Drift(
            name: "a changed login and email are updated",
            edits: [("login: stwo, email: stwo@school.example", "login: Sam.Two, email: sam.two@school.example")],
            expected: ["update user S1002"],
            verify: { ops in
                #expect(ops.first?.after == ["login": .string("Sam.Two"), "email": .string("sam.two@school.example")])
            }),
        Drift(
            name: "a section the config drops is deleted after its enrollment moves",
            edits: [
                ("      - {id: MATH-P2, name: Period 2}\n", ""),
                ("{user: S1003, role: student, section: MATH-P2}", "{user: S1003, role: student}"),
            ],
            expected: ["replace enrollment 2026F-MATH101-A/S1003/student", "delete section MATH-P2"],
            verify: { ops in #expect(ops.last?.dependsOn == [ops.first?.address].compactMap { $0 }) }),
        Drift(
            name: "with prune_courses a course the config lacks is concluded",
            edits: [("  max_withdraw: 50%", "  max_withdraw: 50%\n  prune_courses: true")],
            change: { e2e in
                _ = try await e2e.client.createCourse(
                    account: .id("1"), CourseParams(name: "Old", term: .sis(.term, "2026-FALL"), sisCourseId: "2026F-OLD"))
            },
            expected: ["conclude course 2026F-OLD"]),
        Drift(
            name: "a deleted user holding its SIS id is revived, not duplicated",
            edits: [("  - {id: P3001,", "  - {id: S1004, name: Dee Four, login: dfour, email: dee@school.example}\n  - {id: P3001,")],
            change: { e2e in
                try e2e.sim.loadSeed(
                    SimSeed(users: [UserSeed(
                        id: 900, name: "Old Four", workflowState: "deleted",
                        logins: [LoginSeed(uniqueId: "dfour-old", sisUserId: "S1004", workflowState: "deleted")])]),
                    mode: .merge)
            },
            expected: ["create user S1004"]),
        Drift(
            name: "a course without a SIS id mapped by canvas_id is adopted",
            appended: """

                  - id: 2026F-ART-A
                    name: Art (A)
                    code: ART-A
                    term: 2026-FALL
                    canvas_id: 4321
                    published: true
                    students: [S1003]
                """,
            change: { e2e in
                try e2e.sim.loadSeed(
                    SimSeed(courses: [CourseSeed(id: 4321, name: "Art (legacy)", courseCode: "ART", term: "2026-FALL")]),
                    mode: .merge)
            },
            expected: ["adopt course 2026F-ART-A", "create enrollment 2026F-ART-A/S1003/student"],
            verify: { ops in
                #expect(ops.first?.canvasId == "4321")
                #expect(ops.first?.after?["sis_id"] == .string("2026F-ART-A"))
                #expect(ops.first?.after?["published"] == .bool(true))
            }),
        Drift(
            name: "a deleted course holding its SIS id is revived",
            appended: """

                  - id: 2026F-ART-A
                    name: Art (A)
                    code: ART-A
                    term: 2026-FALL
                    published: true
                    students: [S1001]
                """,
            change: { e2e in
                let art = try await e2e.client.createCourse(
                    account: .id("1"),
                    CourseParams(name: "Old Art", courseCode: "OLD", term: .sis(.term, "2026-FALL"), sisCourseId: "2026F-ART-A"),
                    offer: true)
                _ = try await e2e.client.createEnrollment(
                    in: .course(.id(art.id)), NewEnrollment(user: .sis(.user, "S1001"), type: .student, state: .active))
                try await e2e.client.deleteCourse(.id(art.id), event: .delete)
            },
            expected: ["create course 2026F-ART-A", "create enrollment 2026F-ART-A/S1001/student"],
            verify: { ops in #expect(ops.first?.revive == true) }),
    ]
}

@Suite(.serialized) struct DriftTests {
    /// Drift is planned as the operation that repairs it, and applying the plan repairs it.
    @Test(arguments: Drift.all) func driftIsPlannedAndRepaired(_ drift: Drift) async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let baseline = try await e2e.plan(School.config)
            #expect(try await e2e.apply(baseline, config: School.config, skipping: drift.skip).isEmpty)
            try await drift.change(e2e)

            let plan = try await e2e.plan(drift.config)
            let lines = EndToEnd.lines(plan).map { $0.replacing(/canvas:\d+/, with: "canvas:N") }
            #expect(lines == drift.expected)
            drift.verify(plan.operations)
            let users = e2e.sim.snapshot().users.count
            try await e2e.converge(drift.config)
            if drift.name.contains("deleted user") { #expect(e2e.sim.snapshot().users.count == users) }
        }
    }

    /// The revived course comes back published, with the new name, and its enrollment revived
    /// rather than duplicated.
    @Test func aRevivedCourseKeepsItsRowAndGetsTheConfigsAttributes() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            try await e2e.converge(School.config)
            let revive = try #require(Drift.all.first { $0.name.contains("deleted course") })
            try await revive.change(e2e)
            let deleted = try #require(e2e.sim.snapshot().courses.first { $0.sisCourseId == "2026F-ART-A" })
            try await e2e.converge(revive.config)
            let state = e2e.sim.snapshot()
            let art = try #require(state.courses.first { $0.sisCourseId == "2026F-ART-A" })
            #expect(art.id == deleted.id)
            #expect(art.workflowState == "available")
            #expect(art.name == "Art (A)" && art.courseCode == "ART-A")
            #expect(state.enrollments.filter { $0.courseId == art.id }.count == 1)
        }
    }
}
