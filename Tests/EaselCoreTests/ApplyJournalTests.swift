import EaselCore
import Foundation
import Testing

@Suite struct ApplyJournalTests {
    /// A full disk cut a line short; after space is freed, the next run's line is whole.
    @Test func aLineCutShortDoesNotSwallowTheNextRun() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(#"{"type":"operation","run":"20261206T0"#.utf8)))
        let journal = try ApplyJournal(path: path)
        var plan = Plan(easelVersion: "0.1.0", createdAt: "2026-12-06T00:00:00Z", canvasUrl: "https://canvas.example", account: "1", configHash: "sha256:0")
        plan.operations = [PlanOperation(address: "term:T", action: .create, kind: .term, id: "T")]
        let run = ApplyRun(
            plan: plan, planFile: nil, git: nil, actor: RunActor(name: "ada", via: "local"), readVia: "api", writeVia: "api",
            easelVersion: "0.1.0")
        #expect(journal.begin(run))
        #expect(journal.record(.done(plan.operations[0], canvasId: "5"), canvasUrl: plan.canvasUrl))
        let runs = try JournalReader.runs(at: path)
        let read = try #require(runs.first { $0.id == run.id })
        #expect(read.header == run)
        #expect(read.done == 1)
    }
}
