import Synchronization
/// Background jobs run one after another (Canvas runs one SIS import per account at a time,
/// in order). Shutdown and reset cancel them; a job checks for cancellation between chunks.
final class JobQueue: Sendable {
    private struct State {
        var tail: Task<Void, Never>?
        var tasks: [Int: Task<Void, Never>] = [:]
        var next = 0
    }

    private let state = Mutex(State())

    func enqueue(_ job: @escaping @Sendable () async -> Void) {
        state.withLock { st in
            let id = st.next
            st.next += 1
            let previous = st.tail
            let task = Task { [weak self] in
                await previous?.value
                if !Task.isCancelled { await job() }
                self?.state.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
            st.tasks[id] = task
            st.tail = task
        }
    }

    /// Cancels every queued and running job; returns them so a caller can wait.
    @discardableResult
    func cancelAll() -> [Task<Void, Never>] {
        state.withLock { st in
            let all = Array(st.tasks.values)
            all.forEach { $0.cancel() }
            return all
        }
    }

    func cancelAndWait() async {
        for task in cancelAll() { await task.value }
    }

    /// Between two chunks of a bulk job: `bulk_chunk_delay_ms`, or a yield so API requests interleave.
    static func pauseBetweenChunks(_ config: RuntimeConfig) async {
        if config.bulkChunkDelayMs > 0 {
            try? await Task.sleep(for: .milliseconds(config.bulkChunkDelayMs))
        } else {
            await Task.yield()
        }
    }
}
