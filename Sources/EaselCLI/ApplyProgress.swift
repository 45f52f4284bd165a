import EaselCore
import Foundation
import Synchronization

/// Apply progress: done/total, failures, rate and ETA redrawn on a terminal. Elsewhere (CI
/// logs, `TERM=dumb`): every failure as it happens, a count every `logInterval` while the
/// count moves, and the final count, so each line carries its own moment (operations a SIS
/// import settles all at once give one line, not ten with one time).
final class ApplyProgress: Sendable {
    private let console: Console
    private let total: Int
    private let started = ContinuousClock.now
    private let counts = Mutex<Counts>(Counts())
    private let line: ProgressLine
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    private struct Counts {
        var done = 0, failed = 0, skipped = 0
        var finished: Int { done + failed + skipped }
        /// The count last logged off a terminal.
        var logged = 0
    }

    init(console: Console, total: Int, logInterval: Duration = .seconds(5)) {
        self.console = console
        self.total = total
        line = ProgressLine(console: console, label: "applying")
        guard !console.liveProgress else { return }
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: logInterval)
                guard !Task.isCancelled, let self else { return }
                self.logIfMoved()
            }
        }
        ticker.withLock { $0 = task }
    }

    deinit { ticker.withLock { $0?.cancel() } }

    func record(_ event: ApplyEvent) {
        let counts = counts.withLock { c -> Counts in
            switch event {
            case .done: c.done += 1
            case .failed: c.failed += 1
            case .skipped: c.skipped += 1
            }
            return c
        }
        if console.liveProgress {
            let elapsed = max((ContinuousClock.now - started).seconds, 0.001)
            let rate = Double(counts.finished) / elapsed
            let eta = rate > 0 ? Double(total - counts.finished) / rate : 0
            line.update(String(format: "%d/%d done, %d failed, %.1f ops/s, ETA %.0f s", counts.finished, total, counts.failed, rate, eta))
            return
        }
        switch event {
        case .failed(let op, let message): console.err.line("failed: \(op.action.rawValue) \(op.kind.rawValue) \(op.id): \(message)")
        case .skipped(let op, let because): console.err.line("skipped: \(op.action.rawValue) \(op.kind.rawValue) \(op.id) (needs \(because))")
        case .done: break
        }
    }

    private func logIfMoved() {
        let moved = counts.withLock { c -> Counts? in
            guard c.finished != c.logged, c.finished < total else { return nil }
            c.logged = c.finished
            return c
        }
        if let moved { log(moved) }
    }

    private func log(_ c: Counts) {
        let elapsed = (ContinuousClock.now - started).seconds
        console.err.line(String(format: "applied %d/%d (%d failed) in %.1f s", c.finished, total, c.failed, elapsed))
    }

    /// Clears the live line; off a terminal, logs the final count.
    func finish() {
        ticker.withLock { $0?.cancel() }
        line.finish()
        guard !console.liveProgress else { return }
        log(counts.withLock { $0 })
    }
}
