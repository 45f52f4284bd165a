import CanvasAPI
import CanvasSim
import EaselCore
import Testing

/// The small school every end-to-end test starts from: one term, two courses with sections,
/// five users, an observer, a custom role, course and section dates, an inactive enrollment.
enum School {
    /// Canvas must already know custom roles: the sim starts with the config's one.
    static let seed = SimSeed(roles: [RoleSeed(label: "Grader", baseRoleType: "ta")])

    static let config = """
        version: 1
        canvas: {account: 1}
        roles:
          - {name: Grader, base: ta}
        policy:
          managed_roles: [student, teacher, ta, Grader]
          max_withdraw: 50%
        terms:
          - {id: 2026-FALL, name: Fall 2026, start: 2026-09-01, end: 2027-01-31}
        users:
          - {id: T100, name: Tina Teacher, login: tteacher, email: tina@school.example, sortable_name: "Teacher, Tina"}
          - {id: S1001, name: Jane Doe, login: JDoe, email: jdoe@school.example}
          - {id: S1002, name: Sam Two, login: stwo, email: stwo@school.example}
          - {id: S1003, name: Sue Three, login: sthree}
          - {id: P3001, name: Pat Parent, login: pparent, email: pat@home.example}
        courses:
          - id: 2026F-MATH101-A
            name: Algebra I (A)
            code: MATH101-A
            term: 2026-FALL
            published: true
            start: 2026-09-01
            end: 2027-01-20T17:00:00Z
            sections:
              - {id: MATH-P1, name: Period 1, start: 2026-09-01, end: 2026-12-20}
              - {id: MATH-P2, name: Period 2}
            teachers: [T100]
            students: [S1001]
            enrollments:
              - {user: S1002, role: student, section: MATH-P1}
              - {user: S1003, role: student, section: MATH-P2}
              - {user: P3001, role: observer, observing: S1003}
          - id: 2026F-BIO-A
            name: Biology (A)
            code: BIO-A
            term: 2026-FALL
            published: false
            sections:
              - {id: BIO-P1, name: Period 1}
            teachers: [T100]
            enrollments:
              - {user: S1001, role: Grader, section: BIO-P1}
              - {user: S1002, role: student, section: BIO-P1, state: inactive}
              - {user: S1003, role: student}
        """
}

@Suite(.serialized) struct ConvergenceTests {
    @Test func anEmptyCanvasPlansEveryCreate() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let plan = try await e2e.plan(School.config)
            #expect(EndToEnd.lines(plan) == [
                "create term 2026-FALL",
                "create course 2026F-MATH101-A", "create course 2026F-BIO-A",
                "create section MATH-P1", "create section MATH-P2", "create section BIO-P1",
                "create user T100", "create user S1001", "create user S1002", "create user S1003", "create user P3001",
                "create enrollment 2026F-MATH101-A/S1001/student",
                "create enrollment 2026F-MATH101-A/T100/teacher",
                "create enrollment 2026F-MATH101-A/S1002/student/MATH-P1",
                "create enrollment 2026F-MATH101-A/S1003/student/MATH-P2",
                "create enrollment 2026F-MATH101-A/P3001/observer",
                "create enrollment 2026F-BIO-A/T100/teacher",
                "create enrollment 2026F-BIO-A/S1001/Grader/BIO-P1",
                "create enrollment 2026F-BIO-A/S1002/student/BIO-P1",
                "create enrollment 2026F-BIO-A/S1003/student",
            ])
            #expect(plan.summary.create == 20)
        }
    }

    /// The key test: whatever the reader reports differently from what the runner wrote
    /// shows up as an operation here.
    @Test func applyingThePlanLeavesNothingToDo() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            try await e2e.converge(School.config)

            let state = e2e.sim.snapshot()
            let math = try #require(state.courses.first { $0.sisCourseId == "2026F-MATH101-A" })
            #expect(math.workflowState == "available")
            #expect(math.restrictEnrollmentsToCourseDates)
            let bio = try #require(state.courses.first { $0.sisCourseId == "2026F-BIO-A" })
            #expect(bio.workflowState != "available")
            let grader = try #require(state.roles.first { $0.label == "Grader" })
            #expect(state.enrollments.contains { $0.roleId == grader.id && $0.courseId == bio.id })
            let inactive = state.enrollments.filter { $0.courseId == bio.id && $0.workflowState == "inactive" }
            #expect(inactive.count == 1)
            let observer = try #require(state.enrollments.first { $0.type == "ObserverEnrollment" })
            #expect(observer.associatedUserId != nil)
        }
    }

    /// The planner refuses a custom role Canvas lacks; a saved plan applied after the role
    /// went away fails that enrollment with the runner's own message.
    @Test func aCustomRoleCanvasLacksIsRefused() async throws {
        try await EndToEnd.run { e2e in
            let error = await #expect(throws: PlanError.self) { try await e2e.plan(School.config) }
            #expect(error?.problems.contains { $0.hasPrefix("custom role 'Grader' does not exist in Canvas") } == true)

            var op = PlanOperation(
                address: "enrollment:2026F-BIO-A/S1001/Grader/BIO-P1", action: .create, kind: .enrollment,
                id: "2026F-BIO-A/S1001/Grader/BIO-P1")
            (op.course, op.user, op.role, op.section) = ("2026F-BIO-A", "S1001", "Grader", "BIO-P1")
            op.after = ["state": .string("active")]
            let runner = CanvasOperationRunner(client: e2e.client, account: "1")
            let runError = await #expect(throws: OperationRunError.self) {
                try await runner.run(op, resolved: ResolvedIds())
            }
            #expect(runError?.description == "canvas has no active course role 'Grader' in account 1 or its parents: "
                + "create it in Canvas (Account → Permissions → Course roles) with that exact label, or change the config's roles")
        }
    }

    /// A second apply of the same (now stale) plan: every create finds its object and fails
    /// with a message that says to plan again, or is settled as Canvas's own re-post; nothing
    /// is duplicated.
    @Test func aStalePlanNeverDuplicates() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let plan = try await e2e.plan(School.config)
            #expect(try await e2e.apply(plan, config: School.config).isEmpty)
            let before = e2e.sim.snapshot()
            let failures = try await e2e.apply(plan, config: School.config)
            let after = e2e.sim.snapshot()
            #expect(after.courses.count == before.courses.count)
            #expect(after.sections.count == before.sections.count)
            #expect(after.users.count == before.users.count)
            #expect(after.enrollments.count == before.enrollments.count)
            // The term exists, so it fails and everything that depends on it is skipped.
            #expect(failures.first == "term:2026-FALL: SIS id '2026-FALL' is already taken in Canvas by term 2, which this plan did not expect (was it applied already?): make the plan again (canvas said: sis_source_id: SIS ID \"2026-FALL\" is already in use)", "\(failures)")
            #expect(failures.contains { $0.hasPrefix("course:2026F-MATH101-A: skipped") })
            #expect(failures.contains { $0.hasPrefix("user:S1001: SIS id 'S1001' is already taken in Canvas by user ") })
            #expect(failures.count == plan.operations.count)
            let again = try await e2e.plan(School.config)
            #expect(again.operations.isEmpty, "\(EndToEnd.lines(again))")
        }
    }
}

@Suite struct DateFormTests {
    /// A config may write midnight UTC as a bare date or as a timestamp: the plan compares
    /// instants, so either form converges.
    @Test func aMidnightTimestampInTheConfigConverges() async throws {
        let text = School.config.edited(replacing: "end: 2027-01-31}", with: "end: 2027-01-31T00:00:00Z}")
        try await EndToEnd.run(seed: School.seed) { e2e in
            let plan = try await e2e.plan(text)
            #expect(try await e2e.apply(plan, config: text).isEmpty)
            let again = try await e2e.plan(text)
            #expect(again.operations.isEmpty, "\(EndToEnd.lines(again))")
        }
    }
}
