import Foundation
import Hummingbird
import Logging
import NIOCore

/// A running canvas-sim: a real HTTP server on 127.0.0.1 plus direct access for tests.
///
/// ```swift
/// var options = SimOptions()
/// options.seed = mySeed
/// let sim = try await SimServer.start(options)
/// defer { Task { await sim.shutdown() } }
/// // talk to sim.baseURL with "Authorization: Bearer sim-token"
/// ```
public final class SimServer: Sendable {
    /// The port actually bound (useful with port 0).
    public let port: Int
    let core: SimCore
    private let task: Task<Void, any Error>

    /// The seed was not loaded: the data directory already held state (and `reseed` was off).
    public var seedIgnored: Bool { core.seedIgnored }

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, core: SimCore, task: Task<Void, any Error>) {
        self.port = port
        self.core = core
        self.task = task
    }

    /// Opens the store (replaying the journal), loads the seed if the store is fresh, binds
    /// 127.0.0.1:`options.port`, and returns once the server accepts connections.
    public static func start(_ options: SimOptions) async throws -> SimServer {
        let core = try SimCore(options)
        var logger = Logger(label: "canvas-sim")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: SimResponder(core: core),
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let handleSignals = options.handleSignals
        let task = Task {
            defer { continuation.finish() }
            if handleSignals { try await app.runService() } else { try await app.run() }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            if case .failure(let error) = await task.result { throw error }
            throw SimServerError.didNotStart
        }
        return SimServer(port: port, core: core, task: task)
    }

    /// Stops accepting, closes connections, and closes the journal.
    public func shutdown() async {
        task.cancel()
        _ = await task.result
        await core.imports.cancelAndWait()
        await core.reports.cancelAndWait()
        core.store.close()
    }

    /// Waits until the server stops (a signal, with `handleSignals`), then closes the journal.
    public func waitUntilStopped() async {
        _ = await task.result
        await core.imports.cancelAndWait()
        await core.reports.cancelAndWait()
        core.store.close()
    }

    // MARK: in-process access

    /// Loads a seed. `replace` starts from the bootstrap state; `merge` adds to what exists.
    @discardableResult
    public func loadSeed(_ seed: SimSeed, mode: SeedMode = .replace) throws -> SeedSummary {
        try core.loadSeed(seed, mode: mode)
    }

    /// The whole state, every list ordered by id.
    public func snapshot() -> SimState { core.store.snapshot }

    /// Back to the bootstrap state (root account, Default Term, built-in roles).
    public func reset() throws { try core.reset() }

    public var requestStats: RequestStats { core.stats.withLock { $0 } }

    public func resetRequestStats() { core.stats.withLock { $0 = RequestStats() } }

    public var config: RuntimeConfig { core.config.withLock { $0 } }

    /// Changes latency, faults or throttling while the server runs.
    public func updateConfig(_ change: (inout RuntimeConfig) -> Void) { core.config.withLock { change(&$0) } }

    /// Restarts the fault/latency random sequence.
    public func reseedFaults(_ seed: UInt64) { core.faults.reseed(seed) }

    /// Pins "now" (nil: the wall clock again), e.g. to make a term's end pass.
    public func setClock(_ now: Timestamp?) { core.store.transaction { $0.clock.fixed = now } }

    public var now: Timestamp { core.store.transaction { $0.clock.now } }
}

public enum SimServerError: Error {
    case didNotStart
}
