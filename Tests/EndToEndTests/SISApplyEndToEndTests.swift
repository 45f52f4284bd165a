import CanvasAPI
import EaselCore
import EaselHTTP
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

    /// A journal line about one operation (not a run's first or last line).
    static func isOperation(_ line: Substring) -> Bool { line.contains("\"type\":\"operation\"") }

    @Test(arguments: ["conclude", "inactivate", "delete"])
    func theSameSavedPlanLeavesTheSameCanvasThroughEitherPath(withdraw: String) async throws {
        try await SimHarness.with { api in
            try await SimHarness.with { sis in
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
                // The same plan, made for the other simulator's URL (and sealed again: an edited plan is refused).
                var (forSIS, _) = try PlanJSON.decodeSaved(Data(contentsOf: URL(fileURLWithPath: planFile)))
                #expect(forSIS.canvasUrl == api.server.baseURL)
                forSIS.canvasUrl = sis.server.baseURL
                let sisPlan = sis.directory.appendingPathComponent("changed.plan").path
                try PlanJSON.encodeSaved(forSIS, key: nil).write(toFile: sisPlan, atomically: true, encoding: .utf8)

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
                let apiEntries = try String(contentsOfFile: apiJournal, encoding: .utf8).split(separator: "\n").filter(Self.isOperation)
                let sisEntries = try String(contentsOfFile: sisJournal, encoding: .utf8).split(separator: "\n").filter(Self.isOperation)
                #expect(!sisEntries.isEmpty)
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
    }
}

@Suite(.serialized) struct SISApplyReportingTests {
    static let config = """
        version: 1
        canvas: {account: 1}
        terms: [{id: T9, name: Term 9, start: 2026-09-01, end: 2027-06-30}]
        users:
          - {id: U7, name: Una Seven, login: una7}
          - {id: U8, name: Ulf Eight, login: ulf8}
        courses:
          - {id: C9, name: Course Nine, code: C9, term: T9, published: true, students: [U7, U8]}
        """

    /// Canvas's row warnings come back against the operations whose rows they are about;
    /// the rest of the import counts as done.
    @Test func aRowWarningFailsTheOperationBehindTheRow() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", Self.config)
            let planFile = sim.directory.appendingPathComponent("p.plan").path
            #expect(await sim.easel(["plan", config, "--out", planFile]).code == 0)
            // After the plan: someone else takes U7's login.
            _ = try await sim.withClient { client in
                try await client.createUser(
                    NewUser(name: "Someone Else", login: NewUser.Login(uniqueId: "una7", sisUserId: "OTHER")))
            }
            let journal = sim.directory.appendingPathComponent("j").path
            let apply = await sim.easel(["apply", "--plan", planFile, "--via", "sis-import", "--journal", journal])
            #expect(apply.code == 1)
            #expect(apply.err.contains("Apply failed: 4 of 6 operations done."), "\(apply.err)")
            #expect(apply.err.contains(
                "failed: create user U7: canvas: An existing Canvas user with the SIS ID OTHER has already claimed U7's user_id "
                    + "requested login information, skipping (users.csv line 2)"), "\(apply.err)")
            #expect(apply.err.contains("failed: create enrollment C9/U7/student: canvas: User U7 didn't exist for user enrollment (enrollments.csv line 2)"), "\(apply.err)")
            let entries = try String(contentsOfFile: journal, encoding: .utf8)
            #expect(entries.split(separator: "\n").filter(SISApplyEndToEndTests.isOperation).count == 6)
            #expect(entries.contains("\"id\":\"U8\""))
            // The rest took: a new plan has only U7 and its enrollment left.
            let again = await sim.easel(["plan", config])
            #expect(again.out.contains("Plan: 2 to create, 0 to update, 0 to withdraw, 0 to replace."), "\(again.out)")
        }
    }

    /// A token without the SIS import permission: auto carries the rows through the API;
    /// asked for by name, the import's refusal fails the apply with what to do.
    @Test func autoFallsBackToTheAPIWhenCanvasRefusesTheImport() async throws {
        try await SimHarness.with { sim in
            sim.server.updateConfig { $0.unauthorizedPaths = ["/api/v1/accounts/1/sis_imports"] }
            let config = try sim.write("c.yaml", Self.config)
            let journal = sim.directory.appendingPathComponent("j").path
            let strict = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            #expect(strict.code == 1)
            #expect(strict.err.contains("canvas refused the SIS import"), "\(strict.err)")
            #expect(sim.server.snapshot().users.filter { $0.name == "Ulf Eight" }.isEmpty)

            let auto = await sim.easel(["apply", config, "--auto-approve", "--sis-threshold", "1", "--journal", journal])
            #expect(auto.code == 0, "\(auto.err)")
            #expect(auto.err.contains("its 6 operations went through the API instead"), "\(auto.err)")
            #expect(auto.out.contains("Apply complete: 6 created"), "\(auto.out)")
            #expect(sim.server.snapshot().sisImports.isEmpty)
            let again = await sim.easel(["plan", config, "--detailed-exitcode"])
            #expect(again.code == 0, "\(again.out)")
        }
    }

    @Test func autoTakesTheAPIBelowTheThresholdAndTheImportAtIt() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", Self.config)
            let journal = sim.directory.appendingPathComponent("j").path
            let small = await sim.easel(["apply", config, "--auto-approve", "--journal", journal])
            #expect(small.code == 0, "\(small.err)")
            #expect(small.err.contains("applying via the API (auto: 6 operations a SIS import could carry, below the threshold of 200)"), "\(small.err)")
            #expect(sim.server.snapshot().sisImports.isEmpty)

            let more = try sim.write("more.yaml", Self.config.edited(replacing: "Course Nine", with: "Course 9").edited(replacing: "Ulf Eight", with: "Ulf Acht"))
            let large = await sim.easel(["apply", more, "--auto-approve", "--sis-threshold", "2", "--journal", journal])
            #expect(large.code == 0, "\(large.err)")
            #expect(large.err.contains("applying via SIS import: 2 operations in one import, 0 through the API"), "\(large.err)")
            #expect(large.err.contains("checking the SIS import: planning again"))
            #expect(large.out.contains("Apply complete: 0 created, 2 updated, 0 withdrawn, 0 replaced."))
            #expect(sim.server.snapshot().sisImports.count == 1)
            #expect(await sim.easel(["plan", more, "--detailed-exitcode"]).code == 0)
        }
    }

    @Test func sisImportIsRefusedForASubAccount() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", """
                version: 1
                canvas: {account: "sis_account_id:HS"}
                courses: [{id: C9, name: Course Nine, code: C9}]
                """)
            let journal = sim.directory.appendingPathComponent("j").path
            let refused = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            #expect(refused.code == 1)
            #expect(refused.err.contains("--via sis-import needs the root account"), "\(refused.err)")
            let auto = await sim.easel(["apply", config, "--auto-approve", "--sis-threshold", "1", "--journal", journal])
            #expect(auto.code == 0, "\(auto.err)")
            #expect(auto.err.contains("applying via the API (auto: the account is not a root account)"))
        }
    }

    /// The upload's response is lost: it is sent again, and the two imports of the same
    /// upserts leave Canvas as one would.
    @Test func aLostUploadResponseIsSentAgainHarmlessly() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", Self.config)
            let journal = sim.directory.appendingPathComponent("j").path
            sim.server.reseedFaults(3)
            sim.server.updateConfig { $0.dropRate = 0.5 }
            let apply = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            sim.server.updateConfig { $0.dropRate = 0 }
            #expect(apply.code == 0, "\(apply.err)")
            #expect(sim.server.requestStats.drops >= 1)
            #expect(sim.server.snapshot().sisImports.count == sim.server.requestStats.drops + 1)
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }

    /// Someone aborts the import while it runs: the apply fails, says so, journals every
    /// operation, and the next apply finishes the job.
    @Test func anAbortedImportFailsTheApplyAndLosesNothing() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", Self.config)
            let journal = sim.directory.appendingPathComponent("j").path
            sim.server.updateConfig {
                $0.bulkChunkRows = 1
                $0.bulkChunkDelayMs = 300
            }
            let applyEnded = Locked(false)
            let aborter = Task {
                // Until it has started (not until "importing": one that ended first must fail the test, not
                // hang it), or until the apply ended without starting one (which the expectations below fail).
                while [nil, "created"].contains(sim.server.snapshot().sisImports.first?.workflowState) {
                    if applyEnded.withLock({ $0 }) { return }
                    try await Task.sleep(for: .milliseconds(20))
                }
                _ = try await sim.withClient { client in try await client.send(.put, "/api/v1/accounts/1/sis_imports/1/abort") }
            }
            let apply = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            applyEnded.withLock { $0 = true }
            try await aborter.value
            sim.server.updateConfig { $0.bulkChunkDelayMs = 0 }
            #expect(apply.code == 1)
            #expect(apply.err.contains("SIS import 1 ended aborted; none of its rows is counted as done, though Canvas may have applied some"), "\(apply.err)")
            #expect(apply.err.contains("Apply failed: 0 of 6 operations done."), "\(apply.err)")
            let entries = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").filter(SISApplyEndToEndTests.isOperation)
            #expect(entries.count == 6 && entries.allSatisfy { $0.contains("\"outcome\":\"failed\"") })
            let again = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            #expect(again.code == 0, "\(again.err)")
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }

    /// Every upload lost: the apply fails, says the outcome is unknown, and loses nothing.
    @Test func anUploadThatNeverAnswersFailsTheApplyClearly() async throws {
        try await SimHarness.with { sim in
            let config = try sim.write("c.yaml", Self.config)
            let journal = sim.directory.appendingPathComponent("j").path
            sim.server.updateConfig { $0.dropRate = 1 }
            let apply = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            sim.server.updateConfig { $0.dropRate = 0 }
            #expect(apply.code == 1)
            #expect(apply.err.contains("Apply failed: 0 of 6 operations done."), "\(apply.err)")
            #expect(apply.err.contains("the SIS import upload got no answer"), "\(apply.err)")
            let entries = try String(contentsOfFile: journal, encoding: .utf8)
            #expect(entries.split(separator: "\n").filter(SISApplyEndToEndTests.isOperation).count == 6)
            // Canvas did run the imports; the next apply finds nothing or little left, and converges.
            #expect(await sim.easel(["apply", config, "--auto-approve", "--journal", journal]).code == 0)
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }
}

@Suite(.serialized) struct SISStickinessTests {
    /// easel's own API edits make fields sticky; the import overrides them, as the plan shows.
    @Test func anEarlierAPIEditDoesNotBlockTheImport() async throws {
        try await SimHarness.with { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            func config(_ name: String) throws -> String {
                let text = SISApplyReportingTests.config
                return try sim.write("c.yaml", name == "Course Nine" ? text : text.edited(replacing: "Course Nine", with: name))
            }
            #expect(await sim.easel(["apply", try config("Course Nine"), "--auto-approve", "--via", "api", "--journal", journal]).code == 0)
            #expect(await sim.easel(["apply", try config("Course 9"), "--auto-approve", "--via", "api", "--journal", journal]).code == 0)
            #expect(sim.server.snapshot().courses.first { $0.sisCourseId == "C9" }?.stuckSisFields?.contains("name") == true)
            let apply = await sim.easel(["apply", try config("Course IX"), "--auto-approve", "--via", "sis-import", "--journal", journal])
            #expect(apply.code == 0, "\(apply.err)")
            #expect(sim.server.snapshot().courses.first { $0.sisCourseId == "C9" }?.name == "Course IX")
        }
    }

    /// Canvas ignores a course row's unknown term without a word; the check after the
    /// import (the saved plan's postconditions read back) reports it against the operation.
    @Test func whatTheImportSilentlySkippedIsReported() async throws {
        try await SimHarness.with { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            let twoTerms = SISApplyReportingTests.config.edited(
                replacing: "terms: [{id: T9, name: Term 9, start: 2026-09-01, end: 2027-06-30}]",
                with: "terms: [{id: T9, name: Term 9, start: 2026-09-01, end: 2027-06-30}, {id: T8, name: Term 8}]")
            #expect(await sim.easel(["apply", try sim.write("c.yaml", twoTerms), "--auto-approve", "--journal", journal]).code == 0)
            let moved = try sim.write("m.yaml", twoTerms.edited(replacing: "term: T9,", with: "term: T8,"))
            let planFile = sim.directory.appendingPathComponent("p.plan").path
            #expect(await sim.easel(["plan", moved, "--out", planFile]).code == 0)
            _ = try await sim.withClient { client in try await client.deleteTerm(account: .id("1"), .sis(.term, "T8")) }
            let apply = await sim.easel(["apply", "--plan", planFile, "--via", "sis-import", "--journal", journal])
            #expect(apply.code == 1)
            #expect(apply.err.contains(
                "failed: update course C9: SIS import 1 accepted the row, but canvas shows term is \"T9\", not \"T8\""), "\(apply.err)")
        }
    }
}
