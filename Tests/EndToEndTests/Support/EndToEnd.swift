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
        let maker = LivePlanner(canvasUrl: sim.baseURL, reader: reader ?? self.reader())
        return try await maker.plan(loaded, config: config, options: PlanOptions(now: ConfigDate(iso: Self.now)!))
    }

    /// Applies the plan through the production `ApplyEngine` (the dependency graph, in
    /// parallel) with the real `CanvasOperationRunner`. The operations at `skipped` are not
    /// run, as a partial apply leaves them; each must be in the plan. Returns, in plan order,
    /// each operation that failed or was skipped for a failure, as `address: error` or
    /// `address: skipped …`; a deliberately skipped operation itself is not listed.
    @discardableResult
    func apply(
        _ plan: Plan, config text: String, skipping skipped: Set<String> = [], parallelism: Int = 8,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let addresses = Set(plan.operations.map(\.address))
        #expect(skipped.isSubset(of: addresses), "not in the plan, so not skipped: \(skipped.subtracting(addresses).sorted())",
            sourceLocation: sourceLocation)
        let (_, config) = try Self.config(text)
        let runner = SkippingRunner(runner: CanvasOperationRunner(client: client, config: config), skipped: skipped)
        let report = await ApplyEngine(runner: runner, parallelism: parallelism).run(plan.operations)
        #expect(report.notStarted.isEmpty, "never started: \(report.notStarted.map(\.address))", sourceLocation: sourceLocation)
        return plan.operations.compactMap { op in
            switch report.outcome[op.address] {
            case .done?: return nil
            case .failed(let message)? where skipped.contains(op.address):
                #expect(message == String(describing: SkippingRunner.Skipped()), "\(op.address): \(message)", sourceLocation: sourceLocation)
                return nil
            case .failed(let message)?: return "\(op.address): \(message)"
            case .skipped(let root)?: return "\(op.address): skipped because of \(root)"
            case nil: return "\(op.address): not started"
            }
        }
    }

    /// Runs every operation through `runner` except those at `skipped`, which fail without
    /// touching Canvas: the engine then skips what depends on them, as after a real failure.
    struct SkippingRunner: OperationRunner {
        struct Skipped: Error, CustomStringConvertible {
            var description: String { "left out by the test" }
        }

        let runner: any OperationRunner
        let skipped: Set<String>

        func run(_ op: PlanOperation, resolved: ResolvedIds) async throws -> OperationOutcome {
            guard !skipped.contains(op.address) else { throw Skipped() }
            return try await runner.run(op, resolved: resolved)
        }
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
