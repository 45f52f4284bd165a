/// Writes a `YAMLValue` as block-style YAML that `YAML.parse` reads back as the same value.
///
/// Two-space indentation; list items that are mappings start on the dash line (`- id: x`)
/// with their other keys aligned under; lists of scalars go on one line in flow style
/// (`[S1001, S1002]`) when the line stays within 100 columns. Strings are plain when that
/// reads back as the same string, double-quoted otherwise.
public enum YAMLWriter {
    public static let maxFlowLineWidth = 100

    /// The document for `value`, ending in a newline; each `header` line becomes a `#` comment.
    public static func write(_ value: YAMLValue, header: [String] = []) -> String {
        var emitter = Emitter()
        emitter.output = comment(header)
        emitter.document(value)
        return emitter.output
    }

    /// Each line as a `#` comment line (an empty line as a bare `#`).
    public static func comment(_ lines: [String]) -> String {
        lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            .map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
    }

    private struct Emitter {
        var output = ""

        mutating func document(_ value: YAMLValue) {
            if let inline = Self.inline(value, column: 0) {
                output += inline + "\n"
            } else {
                block(value, indent: 0, continuingLine: false)
            }
        }

        /// A non-empty mapping or list that does not fit on one line, one entry per line.
        /// `continuingLine`: the first entry goes after a `- ` already written.
        mutating func block(_ value: YAMLValue, indent: Int, continuingLine: Bool) {
            var first = continuingLine
            switch value {
            case .map(let entries):
                for entry in entries {
                    if !first { output += String(repeating: " ", count: indent) }
                    first = false
                    let key = YAMLScalar.text(of: entry.key, inFlow: false)
                    output += key + ":"
                    if let inline = Self.inline(entry.value, column: indent + key.count + 2) {
                        output += " " + inline + "\n"
                    } else {
                        output += "\n"
                        block(entry.value, indent: indent + 2, continuingLine: false)
                    }
                }
            case .list(let items):
                for item in items {
                    if !first { output += String(repeating: " ", count: indent) }
                    first = false
                    output += "- "
                    if let inline = Self.inline(item, column: indent + 2) {
                        output += inline + "\n"
                    } else {
                        block(item, indent: indent + 2, continuingLine: true)
                    }
                }
            case .string, .int, .bool, .null:
                preconditionFailure("scalars are always written inline")
            }
        }

        /// A value that fits after a key or dash starting at `column`, or nil when it needs lines of its own.
        static func inline(_ value: YAMLValue, column: Int) -> String? {
            switch value {
            case .list(let items) where items.isEmpty: return "[]"
            case .map(let entries) where entries.isEmpty: return "{}"
            case .map: return nil
            case .list(let items):
                var parts: [String] = []
                for item in items {
                    guard let part = scalar(item, inFlow: true) else { return nil }
                    parts.append(part)
                }
                let flow = "[" + parts.joined(separator: ", ") + "]"
                return column + flow.count <= maxFlowLineWidth ? flow : nil
            case .string, .int, .bool, .null:
                return scalar(value, inFlow: false)
            }
        }

        static func scalar(_ value: YAMLValue, inFlow: Bool) -> String? {
            switch value {
            case .string(let text): YAMLScalar.text(of: text, inFlow: inFlow)
            case .int(let number): String(number)
            case .bool(let flag): flag ? "true" : "false"
            case .null: "null"
            case .list, .map: nil
            }
        }
    }
}
