@testable import CanvasAPI
import EaselHTTP

/// Client settings that keep retries and throttling fast in tests.
func fastConfiguration(log: (@Sendable (CanvasRequestLog) -> Void)? = nil) -> CanvasClient.Configuration {
    var configuration = CanvasClient.Configuration()
    configuration.retry.baseDelay = .milliseconds(5)
    configuration.retry.maxDelay = .milliseconds(50)
    configuration.retry.throttleBaseDelay = .milliseconds(10)
    configuration.retry.maxThrottleDelay = .milliseconds(100)
    configuration.throttle.criticalSpacing = .milliseconds(5)
    configuration.throttle.adjustmentInterval = .milliseconds(20)
    configuration.log = log
    return configuration
}

/// A client on a fresh transport; the transport is shut down after `body`.
func withClient<Result: Sendable>(
    _ base: String, token: String = MiniCanvas.goodToken, configuration: CanvasClient.Configuration = fastConfiguration(),
    _ body: (CanvasClient) async throws -> Result
) async throws -> Result {
    let transport = try CurlTransport()
    do {
        let client = try CanvasClient(baseURL: base, token: try CanvasToken(token), transport: transport, configuration: configuration)
        let result = try await body(client)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}

/// Lines collected from the client's log closure.
final class LogSink: Sendable {
    private let lines = Locked<[CanvasRequestLog]>([])
    var entries: [CanvasRequestLog] { lines.withLock { $0 } }
    var closure: @Sendable (CanvasRequestLog) -> Void { { [lines] entry in lines.withLock { $0.append(entry) } } }
}
