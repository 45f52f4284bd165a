import CanvasAPI
import Foundation
import Testing

/// `easel apply --via sis-import` against canvas-sim's SIS importer: the same saved plan
/// applied through the API on one simulator and through a SIS import on another, seeded
/// alike, must leave the two holding the same things.
@Suite(.serialized) struct SISApplyEndToEndTests {
    static func base(_ withdraw: String) -> String {
        """
        version: 1
        canvas: {account: 1}
        roles: [{name: Grader, base: ta}]
        policy: {withdraw: \(withdraw), managed_roles: [student, teacher, ta, observer, Grader], prune_courses: true, max_withdraw: 100%}
        terms:
          - {id: T1, name: Term One, start: 2026-09-01, end: 2027-06-30}
        users:
          - {id: U1, name: Ann One, login: ann1, email: ann1@example.com}
          - {id: U2, name: Bob Two, login: bob2}
          - {id: U3, name: Cid Three, login: cid3}
          - {id: U4, name: Dee Four, login: dee4}
        courses:
          - id: C1
            name: Course One
            code: C1
            term: T1
            published: true
            sections: [{id: C1-A, name: Section A}, {id: C1-B, name: Section B}]
            teachers: [U4]
            enrollments:
              - {user: U1, role: student, section: C1-A}
              - {user: U2, role: student, section: C1-A}
              - {user: U3, role: student}
          - {id: C2, name: Course Two, code: C2, term: T1, published: false, students: [U1, U2]}
          - {id: C3, name: Course Three, code: C3, term: T1, published: true, students: [U3]}
          - {id: C5, name: Course Five, code: C5, term: T1, published: true, account: "sis_account_id:HS"}
        """
    }

    /// Every kind created, updated and withdrawn; replaces by role and by section; a user
    /// renamed; and operations a SIS import cannot carry (an adopt by canvas_id, an unpublish).
    static func changed(_ withdraw: String) -> String {
        """
        version: 1
        canvas: {account: 1}
        roles: [{name: Grader, base: ta}]
        policy: {withdraw: \(withdraw), managed_roles: [student, teacher, ta, observer, Grader], prune_courses: true, max_withdraw: 100%}
        terms:
          - {id: T1, name: Term One (2026/27), start: 2026-09-01, end: 2027-07-15}
          - {id: T2, name: Term Two, start: 2027-01-01, end: 2027-06-30}
        users:
          - {id: U1, name: Ann One, login: ann1, email: ann1@example.com}
          - {id: U2, name: Bob Twofold, login: bob2, email: bob2@example.com}
          - {id: U3, name: Cid Three, login: cid3}
          - {id: U4, name: Dee Four, login: dee4}
          - {id: U5, name: Eve Five, login: eve5, sortable_name: "Five, Eve", email: eve5@example.com}
          - {id: P1, name: Pat Parent, login: pat1}
        courses:
          - id: C1
            name: Course One Renamed
            code: C1
            term: T1
            published: true
            end: 2027-06-01
            sections:
              - {id: C1-A, name: Section Alpha, start: 2026-09-01, end: 2027-05-31}
              - {id: C1-C, name: Section C}
            tas: [U4]
            enrollments:
              - {user: U2, role: student, section: C1-C}
              - {user: U3, role: student, state: inactive}
          - {id: C2, name: Course Two, code: C2, term: T1, published: true, start: 2026-09-15, end: 2027-06-15, students: [U1, U2]}
          - id: C4
            name: Course Four
            code: C4
            term: T2
            account: "sis_account_id:HS"
            published: true
            sections: [{id: C4-A, name: Four A, start: 2027-01-01, end: 2027-06-30}]
            teachers: [U4]
            enrollments:
              - {user: U5, role: student, section: C4-A}
              - {user: P1, role: observer, observing: U5}
              - {user: U3, role: Grader}
          - {id: C5, name: Course Five, code: C5, term: T1, published: false, account: "sis_account_id:HS"}
          - {id: STAFF, name: Staff Room, code: STAFF, canvas_id: 4321, published: true, teachers: [U4], students: [U5]}
        """
    }

    @Test(arguments: ["conclude", "inactivate", "delete"])
    func theSameSavedPlanLeavesTheSameCanvasThroughEitherPath(withdraw: String) async throws {
        let api = try await SimHarness.start()
        let sis = try await SimHarness.start()
        defer { Task { await api.stop(); await sis.stop() } }
        for sim in [api, sis] {
            let base = try sim.write("base.yaml", Self.base(withdraw))
            // One at a time, so both simulators hand out the same Canvas ids.
            let run = await sim.easel(["apply", base, "--auto-approve", "--parallelism", "1", "--journal", sim.directory.appendingPathComponent("j0").path])
            #expect(run.code == 0, "\(run.err)")
        }
        #expect(SimStateSummary(api.server.snapshot()) == SimStateSummary(sis.server.snapshot()))

        let changed = try api.write("changed.yaml", Self.changed(withdraw))
        let planFile = api.directory.appendingPathComponent("changed.plan").path
        let plan = await api.easel(["plan", changed, "--out", planFile])
        #expect(plan.code == 0, "\(plan.err)")
        #expect(plan.out.contains("~ adopt course STAFF"), "\(plan.out)")
        // The same plan, made for the other simulator's URL.
        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        let sisPlan = sis.directory.appendingPathComponent("changed.plan").path
        try text.replacingOccurrences(of: api.server.baseURL, with: sis.server.baseURL).write(toFile: sisPlan, atomically: true, encoding: .utf8)

        let apiJournal = api.directory.appendingPathComponent("j1").path
        let sisJournal = sis.directory.appendingPathComponent("j1").path
        let byAPI = await api.easel(["apply", "--plan", planFile, "--via", "api", "--journal", apiJournal])
        #expect(byAPI.code == 0, "\(byAPI.err)")
        sis.server.resetRequestStats()
        let bySIS = await sis.easel(["apply", "--plan", sisPlan, "--via", "sis-import", "--journal", sisJournal])
        #expect(bySIS.code == 0, "\(bySIS.err)")
        #expect(bySIS.err.contains("applying via SIS import:"), "\(bySIS.err)")
        #expect(bySIS.err.contains("imported"), "\(bySIS.err)")

        let apiState = SimStateSummary(api.server.snapshot()), sisState = SimStateSummary(sis.server.snapshot())
        #expect(apiState == sisState, "API (-) and SIS import (+) differ:\n\(apiState.difference(sisState))")

        // The journal and the completion line count every operation, whichever path ran it.
        let completion = byAPI.out.split(separator: "\n").first { $0.hasPrefix("Apply complete:") }
        #expect(completion != nil && bySIS.out.contains(completion!), "\(bySIS.out)")
        let apiEntries = try String(contentsOfFile: apiJournal, encoding: .utf8).split(separator: "\n")
        let sisEntries = try String(contentsOfFile: sisJournal, encoding: .utf8).split(separator: "\n")
        #expect(apiEntries.count == sisEntries.count)
        #expect(sisEntries.allSatisfy { $0.contains("\"outcome\":\"done\"") })

        // Nothing is left to do on either.
        for sim in [api, sis] {
            let path = try sim.write("changed.yaml", Self.changed(withdraw))
            let again = await sim.easel(["plan", path, "--detailed-exitcode"])
            #expect(again.code == 0, "\(again.out)")
        }
    }
}
