import EaselCore
import Foundation
import Synchronization

/// Apply progress: done/total, failures, rate and ETA redrawn on a terminal; elsewhere (CI
/// logs, `TERM=dumb`) every failure and a line at each tenth of the way, at most one a second,
/// so operations a SIS import settles all at once give one line, not ten with one time.
final class ApplyProgress: Sendable {
    private let console: Console
    private let total: Int
    private let started = ContinuousClock.now
    private let counts = Mutex<Counts>(Counts())
    private let line: ProgressLine

    private struct Counts {
        var done = 0, failed = 0, skipped = 0
        var finished: Int { done + failed + skipped }
        /// The tenth of the way last logged, and when.
        var loggedTenth = 0
        var loggedAt: ContinuousClock.Instant?
    }

    init(console: Console, total: Int) {
        self.console = console
        self.total = total
        line = ProgressLine(console: console, label: "applying")
    }

    func record(_ event: ApplyEvent) {
        let now = ContinuousClock.now
        let started = started
        let (counts, logNow) = counts.withLock { c -> (Counts, Bool) in
            switch event {
            case .done: c.done += 1
            case .failed: c.failed += 1
            case .skipped: c.skipped += 1
            }
            let tenth = total == 0 ? 10 : c.finished * 10 / total
            let due = tenth > c.loggedTenth && now - (c.loggedAt ?? started) >= .seconds(1)
            if due {
                c.loggedTenth = tenth
                c.loggedAt = now
            }
            return (c, due)
        }
        let elapsed = max((now - started).seconds, 0.001)
        if console.liveProgress {
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
        if logNow, counts.finished < total {
            console.err.line(String(format: "applied %d/%d (%d failed) in %.1f s", counts.finished, total, counts.failed, elapsed))
        }
    }

    /// Clears the live line; off a terminal, logs the final count.
    func finish() {
        line.finish()
        guard !console.liveProgress else { return }
        let c = counts.withLock { $0 }
        let elapsed = (ContinuousClock.now - started).seconds
        console.err.line(String(format: "applied %d/%d (%d failed) in %.1f s", c.finished, total, c.failed, elapsed))
    }
}
