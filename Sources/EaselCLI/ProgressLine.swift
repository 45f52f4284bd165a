import Foundation
import Synchronization

/// One self-rewriting status line on a terminal's stderr (not `TERM=dumb`); nothing elsewhere.
final class ProgressLine: Sendable {
    private let console: Console
    private let label: String
    private let state = Mutex<(lastDraw: ContinuousClock.Instant?, drawn: Bool)>((nil, false))

    init(console: Console, label: String) {
        self.console = console
        self.label = label
    }

    /// Redraws at most ten times a second; off a terminal it prints nothing until `finish`.
    func update(_ text: String) {
        guard console.liveProgress else { return }
        let now = ContinuousClock.now
        let draw = state.withLock { s -> Bool in
            if let last = s.lastDraw, now - last < .milliseconds(100) { return false }
            s.lastDraw = now
            s.drawn = true
            return true
        }
        if draw { console.err.write("\r\u{1B}[2K\(label): \(text)") }
    }

    /// Clears the line, then prints `summary` if given.
    func finish(_ summary: String? = nil) {
        let drawn = state.withLock { $0.drawn }
        if drawn { console.err.write("\r\u{1B}[2K") }
        if let summary { console.err.line(summary) }
    }
}
