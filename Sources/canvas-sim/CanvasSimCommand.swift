import ArgumentParser
import CanvasSim
import Foundation

/// `canvas-sim`: serves the simulated Canvas on 127.0.0.1 until SIGINT/SIGTERM.
@main
struct CanvasSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canvas-sim",
        abstract: "A local Canvas LMS REST API with Canvas's own semantics, for demos, tests and benchmarks.",
        discussion: """
            Prints "canvas-sim listening on http://127.0.0.1:PORT" once it accepts connections \
            (use --port 0 for a free port). Harness endpoints live under /__sim (see docs/canvas-sim.md).
            """)

    enum Switch: String, ExpressibleByArgument { case on, off }

    @Option(help: "Port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 0

    @Option(name: .customLong("data"), help: "Directory for the state journal; omit to keep state in memory only.")
    var dataDirectory: String?

    @Option(help: "Seed JSON to load when the store is fresh (see --reseed).")
    var seed: String?

    @Flag(help: "Replace an existing store's state with --seed.")
    var reseed = false

    @Option(name: .customLong("token"), help: "Accepted bearer token (repeatable). Default: sim-token.")
    var tokens: [String] = []

    @Option(name: .customLong("latency-ms"), help: "Latency added to every API request.")
    var latencyMs = 0

    @Option(name: .customLong("jitter-ms"), help: "Up to this much extra random latency.")
    var jitterMs = 0

    @Option(name: .customLong("fault-rate"), help: "Share of API requests answered 500/502/503 without doing the work.")
    var faultRate = 0.0

    @Option(name: .customLong("drop-rate"), help: "Share of API writes done and then answered by closing the connection.")
    var dropRate = 0.0

    @Option(name: .customLong("fault-seed"), help: "Seed for latency jitter, faults and drops, for repeatable runs.")
    var faultSeed: UInt64?

    @Option(help: "Leaky-bucket throttling per token: on or off.")
    var throttle: Switch = .on

    @Option(name: .customLong("throttle-status"), help: "Status of a throttled response: 429 (hosted Canvas) or 403 (older instances).")
    var throttleStatus = 429

    @Flag(name: .customLong("throttle-bare"), help: "Answer throttled requests with a bare 429, as a proxy does: no 'Rate Limit Exceeded', no rate-limit headers.")
    var throttleBare = false

    @Option(name: .customLong("retry-after"), help: "Send 'Retry-After: N' (seconds) with throttled responses.")
    var retryAfter: Int?

    @Option(name: .customLong("request-cost"), help: "Fixed throttle cost added to every request (default 0: cost is time spent).")
    var requestCost = 0.0

    func validate() throws {
        guard throttleStatus == 403 || throttleStatus == 429 else { throw ValidationError("--throttle-status must be 403 or 429") }
        guard retryAfter.map({ $0 >= 0 }) ?? true else { throw ValidationError("--retry-after must not be negative") }
        guard (0...1).contains(faultRate), (0...1).contains(dropRate) else { throw ValidationError("rates must be between 0 and 1") }
        guard latencyMs >= 0, jitterMs >= 0, (0...65535).contains(port) else { throw ValidationError("negative latency or bad port") }
    }

    func run() async throws {
        // A peer that hangs up mid-response must not kill the server.
        signal(SIGPIPE, SIG_IGN)
        var options = SimOptions()
        options.port = port
        options.dataDirectory = dataDirectory
        if !tokens.isEmpty { options.tokens = tokens }
        if let seed {
            do {
                options.seed = try SimSeed.decode(Data(contentsOf: URL(fileURLWithPath: seed)))
            } catch {
                throw ValidationError("cannot read seed '\(seed)': \(error)")
            }
        }
        options.reseed = reseed
        options.runtime.latencyMs = latencyMs
        options.runtime.jitterMs = jitterMs
        options.runtime.faultRate = faultRate
        options.runtime.dropRate = dropRate
        options.runtime.throttle.enabled = throttle == .on
        options.runtime.throttle.status = throttleStatus
        options.runtime.throttle.bare = throttleBare
        options.runtime.throttle.retryAfterSeconds = retryAfter
        options.runtime.throttle.costPerRequest = requestCost
        options.faultSeed = faultSeed
        options.handleSignals = true

        let server = try await SimServer.start(options)
        if let seed, server.seedIgnored {
            Self.say(
                "canvas-sim: warning: --data '\(dataDirectory ?? "")' already holds state, so --seed '\(seed)' was not loaded; "
                    + "pass --reseed to replace the state with the seed, or start with an empty --data directory", fd: 2)
        }
        // Written straight to fd 1 so a script reading the pipe sees it at once.
        Self.say("canvas-sim listening on \(server.baseURL)", fd: 1)
        await server.waitUntilStopped()
    }

    /// One line to `fd` with `write(2)`: a closed pipe is ignored (SIGPIPE is), never a trap.
    private static func say(_ line: String, fd: Int32) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
