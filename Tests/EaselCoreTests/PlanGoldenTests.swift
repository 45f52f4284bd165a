import EaselCore
import Testing

/// One rich plan — every action, grouped and single enrollments, warnings — pinned in
/// each rendering. Re-record with EASEL_RECORD=1 and review the diff.
@Suite struct PlanGoldenTests {
    static let config = """
        version: 1
        policy: {max_withdraw: 50%}
        terms:
          - {id: T1, name: Term 1, start: 2026-09-01, end: 2027-01-31}
          - {id: T2, name: Term 2, start: 2027-02-01, end: 2027-06-30}
        users:
          - {id: S1, name: Sam One, login: s1, email: s1@school.example}
          - {id: S2, name: Sam Two, login: s2}
          - {id: S3, name: Sam Three, login: s3}
          - {id: S4, name: Sam Four, login: s4}
          - {id: TE, name: Tea Cher, login: te}
          - {id: NEW, name: New Comer, login: newcomer}
        courses:
          - id: MATH
            name: Algebra I
            term: T1
            published: true
            sections:
              - {id: MATH-P1, name: Period 1}
              - {id: MATH-P2, name: Period 2}
            teachers: [TE]
            enrollments:
              - {user: S1, role: student, section: MATH-P1}
              - {user: S2, role: student, section: MATH-P1}
              - {user: S3, role: student, section: MATH-P2}
              - {user: NEW, role: student, section: MATH-P2}
          - id: STAFF
            name: Staff Room
            canvas_id: 4321
            teachers: [TE]
          - id: ART
            name: Studio Art
            term: T2
            students: [S1, S2, S3, S4]
        """

    static func plan() throws -> Plan {
        let loaded = ConfigLoader.load(texts: [("school.yaml", config)])
        let config = try #require(loaded.config)
        var live = LiveFixture.matching(config)
        live.courses.removeAll { $0.sisId == "ART" }
        live.terms.removeAll { $0.sisId == "T2" }
        let newcomer = live.user("NEW").canvasId
        live.users.removeAll { $0.sisId == "NEW" }
        let s1 = live.user("S1").canvasId, s3 = live.user("S3").canvasId, s4 = live.user("S4").canvasId
        live.editCourse("MATH") { c in
            c.name = "Algebra"
            c.workflowState = "unpublished"
            let p1 = c.sections.first { $0.sisId == "MATH-P1" }!.canvasId
            c.enrollments.removeAll { $0.userCanvasId == newcomer }
            let i = c.enrollments.firstIndex { $0.userCanvasId == s3 }!
            c.enrollments[i].sectionCanvasId = p1
            let j = c.enrollments.firstIndex { $0.userCanvasId == s1 && $0.role == "student" }!
            c.enrollments[j].state = "completed"
            c.enrollments.append(LiveEnrollment(canvasId: "900", userCanvasId: s4, role: "student", sectionCanvasId: p1, state: "active"))
            c.enrollments.append(LiveEnrollment(canvasId: "901", userCanvasId: s4, role: "ta", sectionCanvasId: p1, state: "active"))
        }
        live.editCourse("STAFF") { $0.sisId = nil }
        let i = live.users.firstIndex { $0.sisId == "S2" }!
        live.users[i].name = "Samuel Two"
        return try Planner.plan(
            config: config, live: live, configHash: Planner.configHash(loaded), canvasUrl: "https://school.instructure.com",
            options: PlanOptions(now: ConfigDate(iso: "2026-11-22T09:00:00Z")!))
    }

    @Test func textSummary() throws {
        let text = PlanTextRenderer().render(try Self.plan())
        #expect(text == (try Fixtures.golden("plans/rich.txt", actual: text)))
    }

    @Test func textFull() throws {
        let text = PlanTextRenderer(detailFull: true).render(try Self.plan())
        #expect(text == (try Fixtures.golden("plans/rich-full.txt", actual: text)))
    }

    @Test func json() throws {
        let text = PlanJSON.encode(try Self.plan())
        #expect(text == (try Fixtures.golden("plans/rich.json", actual: text)))
        let decoded = try PlanJSON.decode(Data(text.utf8))
        #expect(decoded == (try Self.plan()), "the JSON form round-trips")
    }

    @Test func markdown() throws {
        let text = PlanMarkdownRenderer().render(try Self.plan())
        #expect(text == (try Fixtures.golden("plans/rich.md", actual: text)))
    }

    @Test func markdownStaysUnderGitHubsCommentLimit() throws {
        var plan = try Self.plan()
        let template = plan.operations.first { $0.kind == .enrollment }!
        for i in 0..<20_000 {
            var op = template
            op.address += "-\(i)"
            op.course = "COURSE-\(i % 700)"
            op.user = "USER-\(i)"
            plan.operations.append(op)
        }
        let text = PlanMarkdownRenderer().render(plan)
        #expect(text.count < PlanMarkdownRenderer.commentLimit)
        #expect(text.contains("The plan is too large for one comment; this is a summary."))
    }
}

import Foundation
