import EaselHTTP
import Hummingbird
import Logging
import ServiceLifecycle

/// Request context that can drop the client's connection without writing a response.
struct TestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the TCP connection at once: the client sees the request vanish.
    let dropConnection: @Sendable () async -> Void
    /// The client's port: one value per TCP connection.
    let remotePort: Int

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        dropConnection = { try? await channel.close() }
        remotePort = channel.remoteAddress?.port ?? 0
    }
}

/// Thrown by a handler after `dropConnection()`: the response is never written.
struct ConnectionDropped: Error {}

/// Runs `body` against a Hummingbird server on 127.0.0.1 with an ephemeral port, then stops it.
func withTestServer<Result: Sendable>(
    _ routes: (Router<TestContext>) -> Void,
    _ body: @Sendable (_ baseURL: String) async throws -> Result
) async throws -> Result {
    let router = Router(context: TestContext.self)
    routes(router)
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "canvas-api-tests")
    logger.logLevel = .critical
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
        logger: logger)
    // Stopped by graceful shutdown, not task cancellation: cancelling the accept loop while
    // the listening socket is still open makes NIO trap on a connection accepted meanwhile.
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ConnectionDropped() }
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body("http://127.0.0.1:\(port)"))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

/// Shared, thread-safe counters for test handlers.
final class Counter: Sendable {
    private let storage = Locked<Int>(0)
    func increment() -> Int { storage.withLock { $0 += 1; return $0 } }
    var value: Int { storage.withLock { $0 } }
}

// Hummingbird re-exports HTTPTypes' request and response types; these tests mean easel's.
typealias HTTPRequest = EaselHTTP.HTTPRequest
typealias HTTPResponse = EaselHTTP.HTTPResponse
