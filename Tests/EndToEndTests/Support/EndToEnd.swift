import CanvasAPI
import CanvasSim
import EaselCore
import EaselHTTP
import Testing

/// canvas-sim on an ephemeral loopback port, the real Canvas client over libcurl, and
/// easel's reader, planner and runner against it.
struct EndToEnd {
    static let now = "2026-08-15T00:00:00Z"

    let sim: SimServer
    let client: CanvasClient

    /// Runs `body` against a fresh simulator holding `seed` (plus the bootstrap state), its
    /// clock pinned to `now`; shuts everything down afterwards, also when `body` throws.
    static func run(seed: SimSeed = SimSeed(), _ body: (EndToEnd) async throws -> Void) async throws {
        var options = SimOptions()
        options.seed = seed
        let sim = try await SimServer.start(options)
        sim.setClock(Timestamp(iso8601: now))
        let transport = try CurlTransport()
        var configuration = CanvasClient.Configuration()
        configuration.retry.baseDelay = .milliseconds(5)
        configuration.retry.maxDelay = .milliseconds(50)
        let result: Result<Void, any Error>
        do {
            let client = try CanvasClient(
                baseURL: sim.baseURL, token: try CanvasToken("sim-token"), transport: transport, configuration: configuration)
            try await body(EndToEnd(sim: sim, client: client))
            result = .success(())
        } catch {
            result = .failure(error)
        }
        await transport.shutdown()
        await sim.shutdown()
        try result.get()
    }

    static func config(_ text: String) throws -> (LoadedConfig, Config) {
        let loaded = ConfigLoader.load(texts: [("easel.yaml", text)])
        let config = try #require(loaded.config, "\(loaded.diagnostics)")
        return (loaded, config)
    }

    func reader(userListingThreshold: Int = 100) -> CanvasLiveReader {
        CanvasLiveReader(client: client, userListingThreshold: userListingThreshold)
    }

    func plan(_ text: String, reader: (any LiveReader)? = nil) async throws -> Plan {
        let (loaded, config) = try Self.config(text)
        let maker = PlanMaker(canvasUrl: sim.baseURL, reader: reader ?? self.reader())
        return try await maker.plan(loaded, config: config, options: PlanOptions(now: ConfigDate(iso: Self.now)!))
    }

    /// Runs the plan's operations in order, skipping those whose prerequisite failed; a
    /// stand-in for the apply engine. Returns each failure as `address: error`.
    @discardableResult
    func apply(_ plan: Plan, config text: String, skipping skipped: Set<String> = []) async throws -> [String] {
        let (_, config) = try Self.config(text)
        let runner = CanvasOperationRunner(client: client, config: config)
        var resolved = ResolvedIds()
        var failed = Set<String>(skipped)
        var failures: [String] = []
        for op in plan.operations where !skipped.contains(op.address) {
            guard op.dependsOn.allSatisfy({ !failed.contains($0) }) else {
                failed.insert(op.address)
                failures.append("\(op.address): skipped")
                continue
            }
            do {
                resolved.record(op, try await runner.run(op, resolved: resolved))
            } catch {
                failed.insert(op.address)
                failures.append("\(op.address): \(error)")
            }
        }
        return failures
    }

    /// `action kind id` per operation, the shape the expectations read best in.
    static func lines(_ plan: Plan) -> [String] {
        plan.operations.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.id)" }
    }

    /// Plans, applies with no failure, and checks that planning again finds nothing to do.
    func converge(_ text: String) async throws {
        let plan = try await self.plan(text)
        let failures = try await apply(plan, config: text)
        #expect(failures.isEmpty, "\(failures)")
        let again = try await self.plan(text)
        #expect(again.operations.isEmpty, "left after apply: \(Self.lines(again)) \(again.operations.map { "\($0.before ?? [:]) → \($0.after ?? [:])" })")
    }
}
