import CanvasSim
import EaselCLI
import Foundation

/// A canvas-sim on an ephemeral loopback port, and the easel CLI run in-process against it.
struct SimHarness {
    static let token = "e2e-token"
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let server: SimServer
    let directory: URL

    /// Runs `body` against a simulator seeded with `seed` (a path under the repository, or
    /// none), and stops the simulator before returning, also when `body` throws.
    static func with<T>(
        seed: String? = "examples/seeds/school.json", configure: (inout SimOptions) -> Void = { _ in },
        _ body: (SimHarness) async throws -> T
    ) async throws -> T {
        let sim = try await start(seed: seed, configure: configure)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(sim))
        } catch {
            result = .failure(error)
        }
        await sim.stop()
        return try result.get()
    }

    /// Starts a simulator seeded with `seed`; `with` is the way in, so that it is stopped.
    private static func start(seed: String? = "examples/seeds/school.json", configure: (inout SimOptions) -> Void = { _ in }) async throws -> SimHarness {
        var options = SimOptions()
        options.tokens = [token]
        options.faultSeed = 42
        if let seed {
            options.seed = try SimSeed.decode(Data(contentsOf: repository.appendingPathComponent(seed)))
        }
        configure(&options)
        let server = try await SimServer.start(options)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return SimHarness(server: server, directory: directory)
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    struct Run {
        var code: Int32
        var out: String
        var err: String
    }

    /// Runs `easel ARGS` with CANVAS_URL and CANVAS_TOKEN pointing at this simulator.
    func easel(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false, input: String? = nil) async -> Run {
        let out = OutputSink.capturing(), err = OutputSink.capturing()
        var env = ["CANVAS_URL": server.baseURL, "CANVAS_TOKEN": Self.token]
        env.merge(environment) { _, new in new }
        let console = Console(
            out: out, err: err, environment: env, stdinIsTerminal: terminal, readLine: { input },
            workingDirectory: directory.path)
        let code = await EaselCommand.run(arguments, console: console)
        return Run(code: code, out: out.captured, err: err.captured)
    }

    /// A path under the repository (examples, fixtures).
    static func path(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    /// Writes a config file into this run's directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

import CanvasAPI
import EaselHTTP

extension SimHarness {
    /// A real client on this simulator, for changing Canvas "by hand" in a test.
    func withClient<T>(_ body: (CanvasClient) async throws -> T) async throws -> T {
        let transport = try CurlTransport()
        let client = try CanvasClient(baseURL: server.baseURL, token: try CanvasToken(Self.token), transport: transport)
        do {
            let result = try await body(client)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
