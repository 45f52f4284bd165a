import CanvasSim
import EaselCLI
import Foundation
import Testing

/// easel against a Canvas that throttles the way a live school's does, a Canvas URL that
/// answers nothing, and a token file others can read.
@Suite struct HardeningTests {
    static let config = SimHarness.path("examples/class-as-term")

    /// Throttling forced at any parallelism above one, answered as a proxy answers it: a
    /// bare 429 with no Canvas words and no rate-limit headers.
    static func bareThrottling(_ options: inout SimOptions) {
        options.runtime.latencyMs = 5
        options.runtime.throttle.bare = true
        options.runtime.throttle.upFrontCost = 350
        options.runtime.throttle.costPerRequest = 5
        options.runtime.throttle.outflow = 200
    }

    @Test func planAndApplyConvergeThroughBare429s() async throws {
        try await SimHarness.with(seed: nil, configure: Self.bareThrottling) { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            let plan = await sim.easel(["plan", Self.config, "--detailed-exitcode"])
            let planThrottled = sim.server.requestStats.throttled
            sim.server.resetRequestStats()
            let apply = await sim.easel(["apply", Self.config, "--auto-approve", "--journal", journal])
            let applyStats = sim.server.requestStats
            let again = await sim.easel(["plan", Self.config, "--detailed-exitcode"])
            let snapshot = sim.server.snapshot()

            #expect(plan.code == 2, "the plan read Canvas through the 429s and found work: \(plan.err.suffix(1500))")
            #expect(planThrottled > 0, "the plan was throttled")
            #expect(apply.code == 0, "\(apply.err.suffix(1500))")
            #expect(applyStats.throttled > 0, "the apply was throttled")
            #expect(applyStats.byStatus["429"] == applyStats.throttled)
            #expect(again.code == 0, "\(again.out.suffix(1500))")
            #expect(!snapshot.enrollments.isEmpty)
            Duplicates.assertNone(in: snapshot)
        }
    }

    /// A console whose stderr claims to be a terminal, as a person running easel has.
    static func run(_ arguments: [String], terminal: Bool, environment: [String: String]) async -> (code: Int32, err: String) {
        let out = OutputSink.capturing(), err = OutputSink.capturing(isTerminal: terminal)
        let console = Console(out: out, err: err, environment: environment, stdinIsTerminal: false, readLine: { nil })
        let code = await EaselCommand.run(arguments, console: console)
        return (code, err.captured)
    }

    /// Port 1 on loopback: nothing listens, so every connection is refused.
    static let deadCanvas = ["CANVAS_URL": "http://127.0.0.1:1", "CANVAS_TOKEN": "t0ken-not-printed"]

    @Test func retriesAreShownOnATerminalAndNamedInTheError() async throws {
        let run = await Self.run(["plan", Self.config], terminal: true, environment: Self.deadCanvas)
        #expect(run.code == 1)
        let retries = run.err.components(separatedBy: "\n").filter { $0.contains("retrying GET /api/v1/") }
        #expect(retries.count >= 5, "\(run.err)")
        #expect(retries.contains { $0.contains(" (attempt 2 of 6): connection failed: ") }, "\(run.err)")
        #expect(retries.contains { $0.contains(" (attempt 6 of 6): connection failed: ") }, "\(run.err)")
        #expect(run.err.contains("failed after 6 attempts: connection failed: "), "\(run.err)")
        #expect(!run.err.contains("t0ken-not-printed"))
    }

    @Test func offATerminalRetriesShowOnlyWithVerbose() async throws {
        async let quiet = Self.run(["plan", Self.config], terminal: false, environment: Self.deadCanvas)
        async let verbose = Self.run(["plan", Self.config, "--verbose"], terminal: false, environment: Self.deadCanvas)
        let (q, v) = await (quiet, verbose)
        #expect(q.code == 1 && v.code == 1)
        #expect(!q.err.contains("retrying "), "\(q.err)")
        #expect(q.err.contains("failed after 6 attempts"), "\(q.err)")
        #expect(v.err.contains(" (attempt 2 of 6): connection failed: "), "\(v.err)")
        #expect(!v.err.contains("\u{1B}["), "no terminal control codes off a terminal")
    }

    @Test func aTokenFileOthersCanReadIsUsedWithAWarning() async throws {
        try await SimHarness.with(seed: nil) { sim in
            let path = try sim.write("token", SimHarness.token + "\n")
            // A wrong CANVAS_TOKEN: the run only works if the file is the token used.
            let environment = ["CANVAS_TOKEN": "wrong-token"]
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let open = await sim.easel(["plan", Self.config, "--token-file", path, "--detailed-exitcode"], environment: environment)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
            let group = await sim.easel(["plan", Self.config, "--token-file", path, "--detailed-exitcode"], environment: environment)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            let closed = await sim.easel(["plan", Self.config, "--token-file", path, "--detailed-exitcode"], environment: environment)

            #expect(open.code == 2, "\(open.err)")
            #expect(open.err.contains("warning: token file '\(path)' is readable by others (mode 0644); chmod 600 it"), "\(open.err)")
            #expect(group.err.contains("warning: token file '\(path)' is readable by others (mode 0640); chmod 600 it"), "\(group.err)")
            #expect(closed.code == 2, "\(closed.err)")
            #expect(!closed.err.contains("warning:"), "\(closed.err)")
            for run in [open, group, closed] { #expect(!(run.err + run.out).contains(SimHarness.token)) }
        }
    }
}
