@testable import CanvasAPI
import Testing

@Suite("Adaptive limiter")
struct AdaptiveLimiterTests {
    static func limiter() -> AdaptiveLimiter {
        var policy = ThrottlePolicy()
        policy.adjustmentInterval = .zero
        policy.criticalSpacing = .milliseconds(1)
        return AdaptiveLimiter(policy: policy)
    }

    static func remaining(_ value: Double) -> RateLimitSignal {
        RateLimitSignal(remaining: value, cost: 1, throttled: false)
    }

    @Test func followsTheBucket() {
        let limiter = Self.limiter()
        #expect(limiter.limit == 4)
        limiter.observe(Self.remaining(550))
        limiter.observe(Self.remaining(550))
        #expect(limiter.limit == 6)
        limiter.observe(Self.remaining(300))
        #expect(limiter.limit == 6, "between the thresholds nothing moves")
        limiter.observe(Self.remaining(150))
        #expect(limiter.limit == 3)
        limiter.observe(Self.remaining(50))
        #expect(limiter.limit == 1)
        for _ in 0..<20 { limiter.observe(Self.remaining(590)) }
        #expect(limiter.limit == 8, "capped at maxParallelism")
        limiter.observe(RateLimitSignal(remaining: 0, cost: nil, throttled: true))
        #expect(limiter.limit == 1)
        #expect(limiter.lowestLimit == 1)
    }

    @Test func waitersAreAdmittedWhenTheLimitRisesAndCancelledWaitersLeave() async throws {
        let limiter = Self.limiter()
        limiter.observe(Self.remaining(50))
        try await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
        let cancelled = Task { try await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        limiter.observe(Self.remaining(500))
        try await waiting.value
        limiter.release()
        limiter.release()
    }
}
