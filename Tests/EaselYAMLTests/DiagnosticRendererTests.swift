import EaselYAML
import Testing

@Suite struct DiagnosticRendererTests {
    static let school = """
        terms:
          - id: 2025-SPRING
          - id: 2026-FALL
        courses:
          - id: C1
            name: Algebra
            term: 2026-FAL
        """

    static func at(_ line: Int, _ column: Int, to endLine: Int? = nil, _ endColumn: Int, file: String = "school.yaml")
        -> SourceRange
    {
        SourceRange(
            file: file, start: SourceLocation(line: line, column: column),
            end: SourceLocation(line: endLine ?? line, column: endColumn))
    }

    let renderer = DiagnosticRenderer(sources: ["school.yaml": Self.school, "tabs.yaml": "a:\n\t\tb:  x\tyz\n"])

    @Test func errorWithNote() {
        let diagnostic = Diagnostic.error(
            "unknown term '2026-FAL' (did you mean '2026-FALL'?)", at: Self.at(7, 11, 19),
            notes: [.init("first defined here", at: Self.at(3, 9, 18))])
        #expect(
            renderer.render(diagnostic) == """
                school.yaml:7:11: error: unknown term '2026-FAL' (did you mean '2026-FALL'?)
                    7 |     term: 2026-FAL
                      |           ^~~~~~~~
                school.yaml:3:9: note: first defined here
                    3 |   - id: 2026-FALL
                      |         ^~~~~~~~~
                """)
    }

    @Test(arguments: [
        ("zero width", at(6, 5, 5), "    ^"),
        ("one character", at(6, 5, 6), "    ^"),
        ("running past the end of the line", at(6, 16, 30), "               ^~"),
        ("just after the end of the line", at(6, 18, 19), "                 ^"),
        ("far after the end of the line", at(6, 40, 41), "                 ^"),
        ("spanning lines", at(6, 5, to: 7, 3), "    ^~~~~~~~~~~~~"),
    ])
    func underline(_ name: String, range: SourceRange, marker: String) {
        let rendered = renderer.render(.warning("look", at: range))
        #expect(
            rendered == """
                school.yaml:\(range.start.line):\(range.start.column): warning: look
                    6 |     name: Algebra
                      | \(marker)
                """)
    }

    @Test func tabsAreMirroredInThePadding() {
        let rendered = renderer.render(.error("odd", at: Self.at(2, 9, 11, file: "tabs.yaml")))
        #expect(rendered == "tabs.yaml:2:9: error: odd\n    2 | \t\tb:  x\tyz\n      | \t\t     \t^~")
    }

    @Test func columnsCountCharacters() {
        let renderer = DiagnosticRenderer(sources: ["u.yaml": "név: Zoë Åström\n"])
        let rendered = renderer.render(.error("bad name", at: Self.at(1, 6, 16, file: "u.yaml")))
        #expect(rendered == "u.yaml:1:6: error: bad name\n    1 | név: Zoë Åström\n      |      ^~~~~~~~~~")
    }

    @Test func gutterWidensForLongFiles() {
        let text = String(repeating: "x: 1\n", count: 123_455) + "last: 2\n"
        let renderer = DiagnosticRenderer(color: false) { $0 == "big.yaml" ? text : nil }
        let rendered = renderer.render(.error("here", at: Self.at(123_456, 1, 5, file: "big.yaml")))
        #expect(rendered == "big.yaml:123456:1: error: here\n123456 | last: 2\n       | ^~~~")
    }

    @Test func withoutRangeOrSource() {
        #expect(renderer.render(.error("no config found", at: nil)) == "error: no config found")
        #expect(renderer.render(.error("generated", at: .synthetic())) == "error: generated")
        #expect(
            renderer.render(.error("gone", at: Self.at(1, 1, 2, file: "other.yaml"))) == "other.yaml:1:1: error: gone")
        #expect(
            renderer.render(.error("past the end", at: Self.at(99, 1, 2))) == "school.yaml:99:1: error: past the end")
    }

    @Test func color() {
        let renderer = DiagnosticRenderer(sources: ["school.yaml": Self.school], color: true)
        let rendered = renderer.render(.error("bad", at: Self.at(1, 1, 6), notes: [.init("see")]))
        #expect(
            rendered == """
                \u{1B}[1mschool.yaml:1:1: \u{1B}[1;31merror:\u{1B}[0m\u{1B}[1m bad\u{1B}[0m
                    1 | terms:
                      | \u{1B}[1;31m^~~~~\u{1B}[0m
                \u{1B}[1m\u{1B}[1;36mnote:\u{1B}[0m\u{1B}[1m see\u{1B}[0m
                """)
    }

    @Test func parserDiagnosticsRenderEndToEnd() {
        let text = "users:\n  - id: S1\n    name: Ann\n    id: S2\n"
        let result = YAML.parse(text, file: "users.yaml")
        let renderer = DiagnosticRenderer(sources: ["users.yaml": text])
        #expect(
            renderer.renderAll(result.diagnostics) == """
                users.yaml:4:5: error: duplicate key 'id'
                    4 |     id: S2
                      |     ^~
                users.yaml:2:5: note: first defined here
                    2 |   - id: S1
                      |     ^~
                """)
    }

    /// libyaml also ends lines at CR, U+2028 and U+0085; the excerpt must be the line it counted.
    @Test func lineBreaksMatchLibyaml() {
        let text = "a: 1\r\nb: 2\rc: 3\u{2028}d: x\u{85}a: y\n"
        let result = YAML.parse(text, file: "breaks.yaml")
        let rendered = DiagnosticRenderer(sources: ["breaks.yaml": text]).renderAll(result.diagnostics)
        #expect(
            rendered == """
                breaks.yaml:5:1: error: duplicate key 'a'
                    5 | a: y
                      | ^
                breaks.yaml:1:1: note: first defined here
                    1 | a: 1
                      | ^
                """)
    }

    @Test func tabErrorRendersUnderTheTab() {
        let text = "a:\n  b: 1\n\tc: 2\n"
        let result = YAML.parse(text, file: "t.yaml")
        let rendered = DiagnosticRenderer(sources: ["t.yaml": text]).renderAll(result.diagnostics)
        #expect(
            rendered == """
                t.yaml:3:1: error: tab character used for indentation (use spaces)
                    3 | \tc: 2
                      | ^
                """)
    }

    static let longLine = "k: " + String(repeating: "a", count: 300) + "BAD" + String(repeating: "b", count: 200)

    /// A line longer than 120 characters shows a window around the column, cut with `…`.
    @Test(arguments: [
        (
            "in the middle", at(1, 304, 307),
            "…" + String(repeating: "a", count: 40) + "BAD" + String(repeating: "b", count: 75) + "…",
            " " + String(repeating: " ", count: 40) + "^~~"
        ),
        (
            "near the start", at(1, 4, 7), "k: " + String(repeating: "a", count: 115) + "…",
            "   ^~~"
        ),
        (
            "past the end", at(1, 507, 508), "…" + String(repeating: "b", count: 118),
            " " + String(repeating: " ", count: 118) + "^"
        ),
        (
            "underline longer than the window", at(1, 4, 500), "k: " + String(repeating: "a", count: 115) + "…",
            "   ^" + String(repeating: "~", count: 114)
        ),
        (
            "spanning lines", at(1, 304, to: 2, 1),
            "…" + String(repeating: "a", count: 40) + "BAD" + String(repeating: "b", count: 75) + "…",
            " " + String(repeating: " ", count: 40) + "^" + String(repeating: "~", count: 77)
        ),
    ])
    func longLinesAreWindowed(_ name: String, range: SourceRange, line: String, marker: String) {
        let renderer = DiagnosticRenderer(sources: ["school.yaml": Self.longLine + "\nnext: 1\n"])
        let rendered = renderer.render(.error("bad", at: range))
        #expect(rendered == "school.yaml:1:\(range.start.column): error: bad\n    1 | \(line)\n      | \(marker)")
        #expect(line.unicodeScalars.count <= 120)
    }

    /// However long the line and far the column, one diagnostic renders in a few hundred bytes.
    @Test func aHugeLineRendersSmall() {
        let text = String(repeating: "x: [1, 2, 3], ", count: 100_000)
        let renderer = DiagnosticRenderer(sources: ["big.yaml": text])
        let message = "unknown key '" + String(repeating: "k", count: 50_000) + "' (did you mean 'name'?)"
        let rendered = renderer.render(
            .error(message, at: Self.at(1, 700_000, 1_000_000, file: "big.yaml"), notes: [.init("here", at: Self.at(1, 3, 4, file: "big.yaml"))]))
        #expect(rendered.utf8.count < 1_000)
        #expect(rendered.hasPrefix("big.yaml:1:700000: error: unknown key 'kkk"))
        #expect(rendered.contains("k…k"))
        #expect(rendered.contains("kk' (did you mean 'name'?)\n"))
    }

    @Test func renderAllShowsTheFirstFiftyAndCountsTheRest() {
        let diagnostics =
            (1...55).map { Diagnostic.error("e\($0)", at: nil) } + [.warning("w", at: nil), .error("last", at: nil)]
        let lines = renderer.renderAll(diagnostics).split(separator: "\n")
        #expect(lines.count == 51)
        #expect(lines[49] == "error: e50")
        #expect(lines[50] == "and 6 more errors and 1 more warning")
        #expect(renderer.renderAll(Array(diagnostics.prefix(50))).split(separator: "\n").count == 50)
    }

    @Test(arguments: [
        ([Diagnostic.Severity](), "no problems"),
        ([.error], "1 error"),
        ([.error, .error], "2 errors"),
        ([.warning], "1 warning"),
        ([.error, .warning, .warning, .note], "1 error and 2 warnings"),
    ])
    func summary(severities: [Diagnostic.Severity], expected: String) {
        let diagnostics = severities.map { Diagnostic($0, "x", at: nil) }
        #expect(DiagnosticRenderer.summary(diagnostics) == expected)
    }
}
