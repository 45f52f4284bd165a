import EaselHTTP

/// Holds the requests a test route receives until the test opens it, and counts them, so a
/// test can tell "the client stopped waiting" from "the server answered" without a clock.
/// After `limit` it lets them through anyway: a client that never gives up fails its test
/// (it gets an answer it should not) instead of hanging it.
final class Gate: Sendable {
    private let state = Locked((open: false, arrived: 0, answered: 0))
    let limit: Duration

    init(limit: Duration = .seconds(30)) { self.limit = limit }

    /// Requests that reached the route.
    var arrived: Int { state.withLock { $0.arrived } }
    /// Requests the route let through; their answers were written after this count.
    var answered: Int { state.withLock { $0.answered } }

    func open() { state.withLock { $0.open = true } }

    /// Called by the route: returns once the gate is open (or after `limit`).
    func pass() async {
        state.withLock { $0.arrived += 1 }
        let deadline = ContinuousClock.now + limit
        while !state.withLock({ $0.open }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        state.withLock { $0.answered += 1 }
    }

    /// Waits until `count` requests have reached the route (at most `limit`).
    func waitForArrivals(_ count: Int = 1) async throws {
        let deadline = ContinuousClock.now + limit
        while arrived < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }
}
