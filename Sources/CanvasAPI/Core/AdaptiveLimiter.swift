import EaselHTTP
import Synchronization

/// An async semaphore whose limit follows Canvas's rate-limit bucket.
///
/// `acquire()` suspends (FIFO, cancellable) while `limit` requests are in flight;
/// `observe(_:)` moves the limit from each response's `X-Rate-Limit-Remaining`.
final class AdaptiveLimiter: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var limit: Int
        var lowest: Int
        var inFlight = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var critical = false
        var nextStart: ContinuousClock.Instant
        var lastDecrease: ContinuousClock.Instant
        var lastIncrease: ContinuousClock.Instant

        /// Hands free slots to waiters in arrival order; returns whom to resume.
        mutating func admitWaiters() -> [CheckedContinuation<Void, any Error>] {
            var admitted: [CheckedContinuation<Void, any Error>] = []
            while inFlight < limit, !waiters.isEmpty {
                inFlight += 1
                admitted.append(waiters.removeFirst().continuation)
            }
            return admitted
        }
    }

    private let policy: ThrottlePolicy
    private let state: Mutex<State>
    private let clock = ContinuousClock()

    init(policy: ThrottlePolicy) {
        let maximum = max(1, policy.maxParallelism)
        let initial = min(max(1, policy.initialParallelism), maximum)
        var policy = policy
        policy.maxParallelism = maximum
        self.policy = policy
        let past = ContinuousClock.now - .seconds(3600)
        state = Mutex(
            State(limit: initial, lowest: initial, nextStart: past, lastDecrease: past, lastIncrease: past))
    }

    var limit: Int { state.withLock { $0.limit } }
    var lowestLimit: Int { state.withLock { $0.lowest } }

    /// Waits for a slot; in critical mode also waits out the spacing between request starts.
    func acquire() async throws {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Under the lock, so either this sees the cancellation flag or the
                // cancellation handler finds the queued waiter.
                let admitted = state.withLock { state -> Bool? in
                    if Task.isCancelled { return nil }
                    if state.inFlight < state.limit && state.waiters.isEmpty {
                        state.inFlight += 1
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                switch admitted {
                case true?: continuation.resume()
                case nil: continuation.resume(throwing: CancellationError())
                case false?: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
        let wait = state.withLock { state -> Duration in
            guard state.critical else { return .zero }
            let now = clock.now
            let start = max(now, state.nextStart)
            state.nextStart = start + policy.criticalSpacing
            return start - now
        }
        if wait > .zero {
            do {
                try await Task.sleep(for: wait)
            } catch {
                release()
                throw error
            }
        }
    }

    func release() {
        let admitted = state.withLock { state in
            state.inFlight -= 1
            return state.admitWaiters()
        }
        for continuation in admitted { continuation.resume() }
    }

    /// Moves the limit from one response's rate-limit headers.
    func observe(_ signal: RateLimitSignal) {
        let now = clock.now
        let admitted = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            if signal.throttled {
                state.limit = 1
                state.critical = true
                state.lastDecrease = now
            } else if let remaining = signal.remaining {
                if remaining < policy.criticalBelow {
                    state.limit = 1
                    state.critical = true
                    state.lastDecrease = now
                } else if remaining < policy.slowDownBelow {
                    if now - state.lastDecrease >= policy.adjustmentInterval {
                        state.limit = max(1, state.limit / 2)
                        state.lastDecrease = now
                    }
                } else {
                    state.critical = false
                    if remaining > policy.speedUpAbove, state.limit < policy.maxParallelism,
                        now - state.lastIncrease >= policy.adjustmentInterval,
                        now - state.lastDecrease >= policy.adjustmentInterval
                    {
                        state.limit += 1
                        state.lastIncrease = now
                    }
                }
            }
            state.lowest = min(state.lowest, state.limit)
            return state.admitWaiters()
        }
        for continuation in admitted { continuation.resume() }
    }
}
