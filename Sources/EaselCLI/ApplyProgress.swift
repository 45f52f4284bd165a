import EaselCore
import Foundation
import Synchronization

/// Apply progress: done/total, failures, rate and ETA on a terminal; a plain line per
/// operation elsewhere, so CI logs show what happened.
final class ApplyProgress: Sendable {
    private let console: Console
    private let total: Int
    private let started = ContinuousClock.now
    private let counts = Mutex<(done: Int, failed: Int, skipped: Int)>((0, 0, 0))
    private let line: ProgressLine

    init(console: Console, total: Int) {
        self.console = console
        self.total = total
        line = ProgressLine(console: console, label: "applying")
    }

    func record(_ event: ApplyEvent) {
        let (done, failed, skipped) = counts.withLock { c -> (Int, Int, Int) in
            switch event {
            case .done: c.done += 1
            case .failed: c.failed += 1
            case .skipped: c.skipped += 1
            }
            return (c.done, c.failed, c.skipped)
        }
        if console.err.isTerminal {
            let finished = done + failed + skipped
            let elapsed = max((ContinuousClock.now - started).seconds, 0.001)
            let rate = Double(finished) / elapsed
            let eta = rate > 0 ? Double(total - finished) / rate : 0
            line.update(String(format: "%d/%d done, %d failed, %.1f ops/s, ETA %.0f s", finished, total, failed, rate, eta))
        } else {
            // Off a terminal: every failure, and a line at each tenth of the way.
            let finished = done + failed + skipped
            switch event {
            case .failed(let op, let message): console.err.line("failed: \(op.action.rawValue) \(op.kind.rawValue) \(op.id): \(message)")
            case .skipped(let op, let because): console.err.line("skipped: \(op.action.rawValue) \(op.kind.rawValue) \(op.id) (needs \(because))")
            case .done: break
            }
            let step = max(1, total / 10)
            if finished % step == 0 || finished == total {
                let elapsed = (ContinuousClock.now - started).seconds
                console.err.line(String(format: "applied %d/%d (%d failed) in %.1f s", finished, total, failed, elapsed))
            }
        }
    }

    func finish() { line.finish() }
}
