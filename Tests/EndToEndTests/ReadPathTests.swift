import CanvasAPI
import CanvasSim
import EaselCore
import Foundation
import Synchronization
import Testing

/// The provisioning report and the REST listings build the same live state: every plan made
/// through one is the plan made through the other.
@Suite struct ReadPathTests {
    /// The four readers compared: REST with per-user GETs or the user listing, the report with
    /// per-user GETs or the users file.
    static func readers(_ e2e: EndToEnd) -> [(String, any LiveReader)] {
        [
            ("api", e2e.reader()),
            ("api, user listing", e2e.reader(userListingThreshold: 0)),
            ("report", ReportLiveReader(api: e2e.reader())),
            ("report, users file", ReportLiveReader(api: e2e.reader(userListingThreshold: 0))),
        ]
    }

    /// Plans `config` through each reader and expects the plans to match the first's.
    static func expectSamePlans(_ e2e: EndToEnd, _ config: String, notEmpty: Bool = true) async throws -> Plan {
        var plans: [(String, Plan)] = []
        for (name, reader) in readers(e2e) {
            plans.append((name, try await e2e.plan(config, reader: reader)))
        }
        let (_, reference) = plans[0]
        if notEmpty { #expect(!reference.operations.isEmpty) }
        for (name, plan) in plans.dropFirst() {
            #expect(EndToEnd.lines(plan) == EndToEnd.lines(reference), "\(name)")
            for (a, b) in zip(plan.operations, reference.operations) where a != b {
                Issue.record("\(name): \(a.address) differs: \(a.before ?? [:]) → \(a.after ?? [:]) vs \(b.before ?? [:]) → \(b.after ?? [:]), expect \(a.expect ?? [:]) vs \(b.expect ?? [:])")
            }
        }
        return reference
    }

    /// Every drift the drift suite plans and repairs, read both ways.
    @Test(arguments: Drift.all) func everyDriftPlansTheSameThroughTheReport(_ drift: Drift) async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let baseline = try await e2e.plan(School.config)
            #expect(try await e2e.apply(baseline, config: School.config, skipping: drift.skip).isEmpty)
            try await drift.change(e2e)
            _ = try await Self.expectSamePlans(e2e, drift.config)
        }
    }

    /// An empty Canvas and a converged one read the same too.
    @Test func emptyAndConvergedCanvasesPlanTheSame() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            let plan = try await Self.expectSamePlans(e2e, School.config)
            #expect(plan.summary.create == 20)
            try await e2e.converge(School.config)
            _ = try await Self.expectSamePlans(e2e, School.config, notEmpty: false)
        }
    }

    /// Enrollments in every state Canvas stores, a course adopted by Canvas id (no SIS id, so
    /// not in the report's deleted rows), a course in a term the config does not declare, a
    /// deleted course, and a course only `prune_courses` brings into scope.
    @Test func enrollmentsInEveryStateAndCoursesOutsideTheReport() async throws {
        try await EndToEnd.run(seed: StateSchool.seed) { e2e in
            let plan = try await Self.expectSamePlans(e2e, StateSchool.config)
            let lines = Set(EndToEnd.lines(plan))
            for expected in [
                "update enrollment 2026F-STATES/S2/student",  // invited → inactive
                "reactivate enrollment 2026F-STATES/S4/student",  // inactive → active
                "reactivate enrollment 2026F-STATES/S5/student",  // completed
                "reactivate enrollment 2026F-STATES/S6/student",  // rejected
                "reactivate enrollment 2026F-STATES/S7/student",  // deleted
                "conclude enrollment 2026F-STATES/S8/student",  // active, not in the config
                "conclude enrollment 2026F-STATES/S3/student",  // creation_pending, not in the config
                "update course 2026F-OTHER",  // renamed, in an undeclared term
                "conclude course 2026F-EXTRA",  // prune_courses
                "reactivate enrollment 2026F-MAPPED/S1/student",  // deleted, in a course without a SIS id
                "conclude enrollment 2026F-MAPPED/S2/student",
            ] {
                #expect(lines.contains(expected), "\(expected) in \(lines.sorted())")
            }
            try await e2e.converge(StateSchool.config)
            _ = try await Self.expectSamePlans(e2e, StateSchool.config, notEmpty: false)
        }
    }

    /// A term rollover: the declared term is not in Canvas yet, so every course is missing from
    /// the term reports; one courses report of the root account finds the one that exists
    /// (under another term, with its roster) instead of a GET per course.
    @Test func aNewTermIsReadWithOneMoreReportNotAGetPerCourse() async throws {
        var seed = SmallDistrict.seed(courses: 30, users: 40)
        seed.terms = [TermSeed(name: "Old", sisTermId: "2025-FALL")]
        let kept = SmallDistrict.courseId(5)
        seed.courses = seed.courses.filter { $0.sisCourseId == kept }.map { var c = $0; c.term = "2025-FALL"; return c }
        seed.sections = seed.sections.filter { $0.course == .sis(kept) }
        seed.enrollments = seed.enrollments.filter { $0.course == .sis(kept) || $0.section == .sis("\(kept)-S1") }
        try await EndToEnd.run(seed: seed) { e2e in
            let config = SmallDistrict.config(courses: 30, users: 40)
            let plan = try await Self.expectSamePlans(e2e, config)
            #expect(plan.summary.create > 30)
            #expect(EndToEnd.lines(plan).contains("update course \(kept)"), "the existing course is found and moved")

            let before = e2e.client.metrics.requestsSent
            _ = try await e2e.plan(config, reader: ReportLiveReader(api: e2e.reader()))
            let requests = e2e.client.metrics.requestsSent - before
            // frame 4, one courses report (start, polls, download), the found course's roster 2,
            // the 40 users one GET each: far fewer than a GET for each of the 30 courses.
            #expect(requests < 4 + 8 + 2 + 40 + 10, "\(requests) requests")
        }
    }

    /// The report path's request count does not grow with the courses: a few per term.
    @Test func theReportReadsInAFewRequests() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            try await e2e.converge(School.config)
            let before = e2e.client.metrics.requestsSent
            _ = try await e2e.plan(School.config, reader: ReportLiveReader(api: e2e.reader(userListingThreshold: 0)))
            let requests = e2e.client.metrics.requestsSent - before
            // account, terms, sub-accounts, roles; one report: start, polls, download.
            #expect(requests <= 4 + 2 + 8, "\(requests) requests")
        }
    }
}

/// The CLI's `--read-via`, on the example school against the example seed.
@Suite struct ReadViaCommandTests {
    static let school = SimHarness.path("examples/school")

    @Test func planReadsThroughTheReportWhenAskedAndTheJSONIsTheSame() async throws {
        try await SimHarness.with { sim in
            let api = await sim.easel(["plan", Self.school, "--format", "json", "--read-via", "api"])
            let report = await sim.easel(["plan", Self.school, "--format", "json", "--read-via", "report"])
            #expect(api.code == 0 && report.code == 0, "\(api.err)\(report.err)")
            #expect(report.err.contains("read Canvas via the provisioning report"), "\(report.err)")
            #expect(!api.err.contains("provisioning report"))
            let plans = try [api.out, report.out].map { try PlanJSON.decode(Data($0.utf8)) }
            #expect(plans[0].operations.count > 1000)
            #expect(plans[0].operations == plans[1].operations)
            #expect(plans[0].warnings == plans[1].warnings)

            let auto = await sim.easel(["drift", Self.school, "--read-via", "auto"])
            #expect(auto.code == 2)
            #expect(!auto.err.contains("provisioning report"), "a school this small reads through the API")
        }
    }

    /// `auto` on a district-sized scope takes the report, and the API when the token may not
    /// run reports; `report` asked for by name does not fall back.
    @Test func autoFallsBackToTheAPIWhenReportsAreRefused() async throws {
        try await EndToEnd.run(seed: School.seed) { e2e in
            try await e2e.converge(School.config)
            let (_, config) = try EndToEnd.config(School.config)
            let scope = Planner.scope(of: config)
            let chosen = Mutex<[String]>([])
            let reader = ReadPathReader(path: .auto, api: e2e.reader(), reportThreshold: 1) { path, reason in
                chosen.withLock { $0.append("\(path.rawValue): \(reason)") }
            }
            _ = try await reader.read(scope)
            #expect(chosen.withLock { $0 } == ["report: 2 courses"])

            e2e.sim.updateConfig { $0.unauthorizedPaths = ["/api/v1/accounts/1/reports"] }
            chosen.withLock { $0 = [] }
            let live = try await reader.read(scope)
            #expect(live.courses.count == 2)
            #expect(chosen.withLock { $0 } == ["report: 2 courses", "api: the provisioning report is not available to this token (401)"])

            let strict = ReadPathReader(path: .report, api: e2e.reader())
            let error = await #expect(throws: ProvisioningReport.Unavailable.self) { try await strict.read(scope) }
            #expect(error?.description.hasSuffix("use --read-via api") == true)
        }
    }

    @Test func anUnknownPathIsRefused() async throws {
        try await SimHarness.with(seed: nil) { sim in
            let run = await sim.easel(["plan", Self.school, "--read-via", "graphql"])
            #expect(run.code != 0 && run.code != 2)
            #expect(run.err.contains("--read-via"), "\(run.err)")
        }
    }
}

/// A school whose Canvas holds enrollments in every state, and courses the report cannot show.
enum StateSchool {
    static let users = (1...8).map { UserSeed(name: "Student \($0)", sisUserId: "S\($0)", login: "s\($0)") }

    static let seed = SimSeed(
        terms: [
            TermSeed(id: 5, name: "Fall 2026", sisTermId: "2026-FALL"),
            TermSeed(id: 6, name: "Spring 2027", sisTermId: "2027-SPRING"),
        ],
        courses: [
            CourseSeed(id: 50, name: "States", courseCode: "ST", sisCourseId: "2026F-STATES", term: .id(5), workflowState: "available"),
            CourseSeed(id: 51, name: "Mapped", courseCode: "MP", term: .id(5), workflowState: "available"),
            CourseSeed(id: 52, name: "Other name", courseCode: "OT", sisCourseId: "2026F-OTHER", term: .id(6), workflowState: "available"),
            CourseSeed(id: 53, name: "Extra", courseCode: "EX", sisCourseId: "2026F-EXTRA", term: .id(5), workflowState: "available"),
            CourseSeed(id: 54, name: "Gone", courseCode: "GO", sisCourseId: "2026F-GONE", term: .id(5), workflowState: "deleted"),
        ],
        users: users,
        enrollments: [
            EnrollmentSeed(user: .sis("S1"), course: .sis("2026F-STATES"), state: "active"),
            EnrollmentSeed(user: .sis("S2"), course: .sis("2026F-STATES"), state: "invited"),
            EnrollmentSeed(user: .sis("S3"), course: .sis("2026F-STATES"), state: "creation_pending"),
            EnrollmentSeed(user: .sis("S4"), course: .sis("2026F-STATES"), state: "inactive"),
            EnrollmentSeed(user: .sis("S5"), course: .sis("2026F-STATES"), state: "completed"),
            EnrollmentSeed(user: .sis("S6"), course: .sis("2026F-STATES"), state: "rejected"),
            EnrollmentSeed(user: .sis("S7"), course: .sis("2026F-STATES"), state: "deleted"),
            EnrollmentSeed(user: .sis("S8"), course: .sis("2026F-STATES"), state: "active"),
            EnrollmentSeed(user: .sis("S2"), course: .id(51), state: "active"),
            EnrollmentSeed(user: .sis("S1"), course: .id(51), state: "deleted"),
            EnrollmentSeed(user: .sis("S1"), course: .sis("2026F-GONE"), state: "deleted"),
        ])

    static let config = """
        version: 1
        canvas: {account: 1}
        policy: {prune_courses: true, max_withdraw: 100%}
        terms:
          - {id: 2026-FALL, name: Fall 2026}
        users:
        \((1...8).map { "  - {id: S\($0), name: Student \($0), login: s\($0)}" }.joined(separator: "\n"))
        courses:
          - id: 2026F-STATES
            name: States
            code: ST
            term: 2026-FALL
            students: [S1, S4, S5, S6, S7]
            enrollments:
              - {user: S2, role: student, state: inactive}
          - id: 2026F-MAPPED
            canvas_id: 51
            name: Mapped
            code: MP
            term: 2026-FALL
            students: [S1]
          - id: 2026F-OTHER
            name: Other
            code: OT
        """
}
