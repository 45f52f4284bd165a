import CanvasAPI
import CanvasSim
@testable import EaselCore
import Foundation
import Testing

/// Applies that meet in one working directory: they take turns through the lock, and the
/// journal they share has only whole lines. An import a killed apply left running is waited for.
@Suite struct ApplyConcurrencyTests {
    static let school = SimHarness.path("examples/school")

    @Test func eightAppliesAtOnceTakeTurnsAndLeaveAWholeJournal() async throws {
        try await SimHarness.with { sim in
            let runs = await withTaskGroup(of: SimHarness.Run.self) { group in
                for _ in 0..<8 {
                    group.addTask { await sim.easel(["apply", Self.school, "--auto-approve", "--lock-timeout", "5m"]) }
                }
                var runs: [SimHarness.Run] = []
                for await run in group { runs.append(run) }
                return runs
            }
            let plan = await sim.easel(["plan", Self.school, "--detailed-exitcode"])
            let snapshot = sim.server.snapshot()
            let journal = (try? String(contentsOfFile: sim.directory.appendingPathComponent(".easel/journal.jsonl").path, encoding: .utf8)) ?? ""

            #expect(runs.count == 8)
            for run in runs { #expect(run.code == 0, "\(run.err.suffix(600))") }
            #expect(runs.filter { $0.out.contains("Apply complete: 1021 created, 1 updated") }.count == 1, "one apply did the work")
            #expect(runs.filter { $0.out.contains("No changes.") }.count == 7, "the others found nothing left")
            #expect(plan.code == 0, "\(plan.out.suffix(600))")
            Duplicates.assertNone(in: snapshot)

            let lines = journal.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.filter { $0.contains("\"type\":\"operation\"") }.count == 1022)
            #expect(lines.filter { $0.contains("\"type\":\"run\"") }.count == 1, "one apply had work to do")
            for line in lines {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "a torn line: \(line.prefix(200))")
            }
        }
    }

    @Test func aSecondApplyRefusesNamingTheHolder() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = EaselDirectory(workingDirectory: directory.path).applyLock
        var first: ApplyLock? = try await ApplyLock(path: path, environment: ["USER": "ada"])
        do {
            _ = try await ApplyLock(path: path, environment: ["USER": "bob"])
            Issue.record("a second lock was granted while the first was held")
        } catch let busy as ApplyLock.Busy {
            #expect(busy.holder?.user == "ada")
            #expect(busy.holder?.pid == getpid())
            #expect(busy.description.contains("another easel apply is running here: '\(path)' is held by process \(getpid()) of ada on "))
            #expect(busy.description.contains("pass --lock-timeout"))
        }
        // With a timeout, the second waits for the first to let go.
        let waiter = Task { try await ApplyLock(path: path, timeout: .seconds(60), environment: ["USER": "bob"]) }
        try await Task.sleep(for: .milliseconds(300))
        withExtendedLifetime(first) {}
        first = nil
        let second = try await waiter.value
        #expect(second.path == path)
        #expect(first == nil)
    }

    /// A killed apply left its SIS import in Canvas; the next apply here waits for it and
    /// then plans against what it did.
    @Test func theNextApplyWaitsForAnImportAKilledOneLeft() async throws {
        try await SimHarness.with(configure: { $0.runtime.latencyMs = 2 }) { sim in
            // What the killed apply had uploaded: the school's courses and more, through the real importer.
            let planned = await sim.easel(["plan", Self.school, "--format", "json"])
            let plan = try PlanJSON.decode(Data(planned.out.utf8))
            let live = LiveState()
            let staging = SISStaging(plan, context: SISContext(plan: plan, live: live))
            let rows = SISCSVBuilder(context: SISContext(plan: plan, live: live)).upload(staging.imported)
            let started = try await sim.withClient { client in
                try await client.createSISImport(account: .id("1"), zip: try rows.zip(), SISImportUploadOptions(overrideSISStickiness: true))
            }
            PendingSISImport(canvasUrl: sim.server.baseURL, account: "1", id: started.id.rawValue)
                .save(EaselDirectory(workingDirectory: sim.directory.path).pendingImport(for: sim.server.baseURL))

            let apply = await sim.easel(["apply", Self.school, "--auto-approve", "--via", "api"])
            let again = await sim.easel(["plan", Self.school, "--detailed-exitcode"])
            let snapshot = sim.server.snapshot()

            #expect(apply.code == 0, "\(apply.err.suffix(800))")
            #expect(apply.err.contains("waiting for SIS import \(started.id.rawValue), started by an earlier apply here"), "\(apply.err)")
            #expect(apply.err.contains("SIS import \(started.id.rawValue) ended: imported"), "\(apply.err)")
            // It planned after the import: only what the import could not carry was left to do.
            #expect(!apply.out.contains("Apply complete: 1021 created"), "\(apply.out.suffix(400))")
            #expect(!FileManager.default.fileExists(atPath: EaselDirectory(workingDirectory: sim.directory.path).pendingImport(for: sim.server.baseURL)))
            #expect(again.code == 0)
            Duplicates.assertNone(in: snapshot)
        }
    }
}
