internal import CYAML

extension YAMLParser {
    /// Turns libyaml's error state into a diagnostic at the place a reader should look.
    func syntaxError() -> Diagnostic {
        let state = parser.pointee
        let problem = state.problem.map { Self.sentence(String(cString: $0)) } ?? "invalid YAML"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return .error("out of memory while reading YAML", at: range(line: 0, column: 0))
        case YAML_READER_ERROR:
            // The reader reports a byte offset, not a mark.
            let (line, column) = position(ofByte: state.problem_offset)
            let found = state.problem_value == -1 ? "" : " (found U+\(Self.hex(state.problem_value)))"
            return .error(problem + found, at: range(line: line, column: column))
        default:
            break
        }

        let mark = state.problem_mark
        let contextMark = state.context_mark
        let context = state.context.map { Self.sentence(String(cString: $0)) }
        if context == "while scanning a quoted scalar", problem == "found unexpected end of stream" {
            // libyaml points at the end of the file; the opening quote is what needs fixing.
            let quote = byte(at: contextMark) == UInt8(ascii: "'") ? "single" : "double"
            return .error(
                "unclosed \(quote) quote", at: range(at: contextMark),
                notes: [.init("the file ends before the closing quote", at: range(at: mark))])
        }
        if byte(at: mark) == UInt8(ascii: "\t"), isIndentation(mark) {
            return .error("tab character used for indentation (use spaces)", at: range(at: mark))
        }
        if problem == "mapping values are not allowed in this context" {
            // The usual cause is a key indented deeper or shallower than its siblings.
            return .error("unexpected ':' here: check the indentation of this line", at: range(at: mark))
        }
        var notes: [Diagnostic.Note] = []
        // A context at the problem's own place ("while scanning for the next token") adds nothing.
        if let context, (contextMark.line, contextMark.column) != (mark.line, mark.column) {
            notes.append(.init(context, at: range(at: contextMark)))
        }
        return .error(problem, at: range(at: mark), notes: notes)
    }

    /// libyaml's phrasing in ours: lowercase first letter, no trailing period.
    static func sentence(_ text: String) -> String {
        var text = Substring(text)
        if text.hasSuffix(".") { text = text.dropLast() }
        guard let first = text.first else { return String(text) }
        return first.lowercased() + text.dropFirst()
    }

    private static func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// libyaml skips a leading byte order mark and counts nothing for it.
    private var firstByte: Int {
        inputCount >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF ? 3 : 0
    }

    /// The byte offset of a mark; libyaml counts a mark's `index` in characters.
    private func byteOffset(of mark: yaml_mark_t) -> Int {
        var offset = firstByte
        var remaining = mark.index
        while remaining > 0, offset < inputCount {
            offset += 1
            while offset < inputCount, input[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }

    private func byte(at mark: yaml_mark_t) -> UInt8? {
        let offset = byteOffset(of: mark)
        return offset < inputCount ? input[offset] : nil
    }

    /// Whether only blanks precede the mark on its line.
    private func isIndentation(_ mark: yaml_mark_t) -> Bool {
        var offset = byteOffset(of: mark)
        while offset > firstByte, input[offset - 1] != UInt8(ascii: "\n"), input[offset - 1] != UInt8(ascii: "\r") {
            offset -= 1
            guard input[offset] == UInt8(ascii: " ") || input[offset] == UInt8(ascii: "\t") else { return false }
        }
        return true
    }

    /// The 0-based line and character column of a byte offset.
    private func position(ofByte target: Int) -> (line: Int, column: Int) {
        var line = 0
        var column = 0
        var offset = firstByte
        while offset < min(target, inputCount) {
            switch input[offset] {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
            case UInt8(ascii: "\r"):
                if offset + 1 >= inputCount || input[offset + 1] != UInt8(ascii: "\n") {
                    line += 1
                    column = 0
                }
            case let byte where byte & 0xC0 != 0x80:
                column += 1
            default:
                break
            }
            offset += 1
        }
        return (line, column)
    }
}
