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

    /// Every diagnostic, one after another; no trailing newline.
    public func renderAll(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
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
        let label = "\(severity.rawValue):"
        let location = range.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
        guard color else { return location + label + " " + message }
        return
            "\(Style.bold)\(location)\(Style.color(severity))\(label)\(Style.reset)\(Style.bold) \(message)\(Style.reset)"
    }

    /// The range's first line and its underline, or nothing when the text is not at hand.
    private func excerpt(_ range: SourceRange, severity: Diagnostic.Severity, gutterWidth: Int) -> [String] {
        guard let text = lookup(range.file)?.line(range.start.line) else { return [] }
        let scalars = text.unicodeScalars
        let before = min(max(range.start.column - 1, 0), scalars.count)
        let available = scalars.count - before
        let length =
            range.end.line == range.start.line
            ? min(range.end.column - range.start.column, available)
            : available
        // Tabs before the start are repeated so the caret lines up however wide a tab shows.
        let padding = String(String.UnicodeScalarView(scalars.prefix(before).map { $0 == "\t" ? "\t" : " " }))
        var marker = "^" + String(repeating: "~", count: max(length - 1, 0))
        if color { marker = Style.color(severity) + marker + Style.reset }
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: gutterWidth - number.count) + number
        return [
            "\(gutter) | \(text)",
            "\(String(repeating: " ", count: gutterWidth)) | \(padding)\(marker)",
        ]
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
