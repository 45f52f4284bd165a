/// Prints diagnostics as clang and swift-format do: a `path:line:col: severity: message`
/// header, then the source line under a line-number gutter with a `^~~~` underline.
///
/// ```
/// school.yaml:12:11: error: unknown term '2026-FAL' (did you mean '2026-FALL'?)
///    12 |     term: 2026-FAL
///       |           ^~~~~~~~
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colors: bold red errors, yellow warnings, cyan notes.
    public var color: Bool
    private let lookup: @Sendable (String) -> SourceLines?

    /// Renders against the given file contents, keyed by the file names used in ranges.
    public init(sources: [String: String], color: Bool = false) {
        let lines = sources.mapValues(SourceLines.init)
        self.color = color
        self.lookup = { lines[$0] }
    }

    /// Renders against file contents fetched on demand; `source` returns nil for an unknown file.
    public init(color: Bool = false, source: @escaping @Sendable (String) -> String?) {
        self.color = color
        self.lookup = { source($0).map(SourceLines.init) }
    }

    /// The diagnostic and its notes, one line each plus source excerpts; no trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        let entries =
            [(diagnostic.severity, diagnostic.message, diagnostic.range)]
            + diagnostic.notes.map { (Diagnostic.Severity.note, $0.message, $0.range) }
        let located = entries.compactMap { $0.2 }.filter { !$0.isSynthetic }
        let width = max(5, located.map { String($0.start.line).count }.max() ?? 0)
        var output: [String] = []
        for (severity, message, range) in entries {
            guard let range, !range.isSynthetic else {
                output.append(header(severity, message, at: nil))
                continue
            }
            output.append(header(severity, message, at: range))
            output += excerpt(range, severity: severity, gutterWidth: width)
        }
        return output.joined(separator: "\n")
    }

    /// How many diagnostics `renderAll` shows before it only counts the rest: enough to fix a
    /// file by, and a bound on the output however many problems a hostile file has.
    public static let defaultLimit = 50

    /// The first `limit` diagnostics one after another, then `and 120 more errors` for the
    /// rest; no trailing newline.
    public func renderAll(_ diagnostics: [Diagnostic], limit: Int = defaultLimit) -> String {
        var output = diagnostics.prefix(limit).map(render)
        let rest = diagnostics.dropFirst(limit)
        if !rest.isEmpty {
            let counts = [Diagnostic.Severity.error, .warning, .note].compactMap { severity -> String? in
                let n = rest.count(where: { $0.severity == severity })
                return n == 0 ? nil : "\(n) more \(severity.rawValue)\(n == 1 ? "" : "s")"
            }
            output.append("and " + counts.joined(separator: " and "))
        }
        return output.joined(separator: "\n")
    }

    /// A count for the end of a report: `2 errors`, `1 error and 3 warnings`, `no problems`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count(where: { $0.severity == .error })
        let warnings = diagnostics.count(where: { $0.severity == .warning })
        let parts = [(errors, "error"), (warnings, "warning")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? "no problems" : parts.joined(separator: " and ")
    }

    private func header(_ severity: Diagnostic.Severity, _ message: String, at range: SourceRange?) -> String {
        let message = Self.shortened(message)
        let label = "\(severity.rawValue):"
        let location = range.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
        guard color else { return location + label + " " + message }
        return
            "\(Style.bold)\(location)\(Style.color(severity))\(label)\(Style.reset)\(Style.bold) \(message)\(Style.reset)"
    }

    /// The widest excerpt shown, in characters; a longer line is cut to a window around the
    /// range's start, with `…` where it was cut.
    static let maxExcerptWidth = 120
    /// How much of a cut line is kept before the range's start.
    private static let leadingContext = 40
    /// The longest message shown whole; a longer one (it quotes a huge value) keeps its ends.
    static let maxMessageLength = 300

    /// The range's first line and its underline, or nothing when the text is not at hand.
    ///
    /// The work is bounded by the range's column plus the window, not by the line's length.
    private func excerpt(_ range: SourceRange, severity: Diagnostic.Severity, gutterWidth: Int) -> [String] {
        guard let text = lookup(range.file)?.line(range.start.line) else { return [] }
        let scalars = text.unicodeScalars
        let (caret, before) = Self.advance(scalars, from: scalars.startIndex, by: max(range.start.column - 1, 0))
        let wanted = range.end.line == range.start.line ? max(range.end.column - range.start.column, 0) : Int.max
        var first = scalars.startIndex, last = scalars.endIndex
        var cutStart = false, cutEnd = false
        if Self.advance(scalars, from: scalars.startIndex, by: Self.maxExcerptWidth + 1).count > Self.maxExcerptWidth {
            // Room for `…` on both sides.
            let width = Self.maxExcerptWidth - 2
            var lead = min(before, Self.leadingContext)
            let after = Self.advance(scalars, from: caret, by: width).count
            if after < width { lead = min(before, width - after) }
            first = scalars.index(caret, offsetBy: -lead)
            last = Self.advance(scalars, from: first, by: width).index
            cutStart = first != scalars.startIndex
            cutEnd = last != scalars.endIndex
        }
        let shown = scalars[first..<last]
        let length = min(wanted, shown.distance(from: caret, to: last))
        // Tabs before the start are repeated so the caret lines up however wide a tab shows.
        let padding =
            (cutStart ? " " : "")
            + String(String.UnicodeScalarView(shown[first..<caret].map { $0 == "\t" ? "\t" : " " }))
        var marker = "^" + String(repeating: "~", count: max(length - 1, 0))
        if color { marker = Style.color(severity) + marker + Style.reset }
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: gutterWidth - number.count) + number
        let line = (cutStart ? "…" : "") + String(Substring(shown)) + (cutEnd ? "…" : "")
        return [
            "\(gutter) | \(line)",
            "\(String(repeating: " ", count: gutterWidth)) | \(padding)\(marker)",
        ]
    }

    /// Moves up to `n` scalars forward, stopping at the end; says where it stopped and how far it went.
    private static func advance(
        _ scalars: Substring.UnicodeScalarView, from start: Substring.UnicodeScalarView.Index, by n: Int
    ) -> (index: Substring.UnicodeScalarView.Index, count: Int) {
        var index = start, count = 0
        while count < n, index != scalars.endIndex {
            scalars.formIndex(after: &index)
            count += 1
        }
        return (index, count)
    }

    /// The message, or its start and end around `…` when it is longer than `maxMessageLength`.
    static func shortened(_ message: String) -> String {
        guard message.count > maxMessageLength else { return message }
        return message.prefix(maxMessageLength * 2 / 3) + "…" + message.suffix(maxMessageLength / 3 - 1)
    }

    private enum Style {
        static let bold = "\u{1B}[1m"
        static let reset = "\u{1B}[0m"

        static func color(_ severity: Diagnostic.Severity) -> String {
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .note: "\u{1B}[1;36m"
            }
        }
    }
}
