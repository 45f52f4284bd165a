import EaselYAML

/// Parses `text` as the file `t.yaml`.
func parse(_ text: String, limits: YAMLLimits = .init()) -> YAMLParseResult {
    YAML.parse(text, file: "t.yaml", limits: limits)
}

/// `line:column-line:column`, for comparing ranges in one line of a table.
func span(_ range: SourceRange?) -> String {
    guard let range else { return "none" }
    return "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
}

/// `line:column` of a range's start.
func start(_ range: SourceRange?) -> String {
    guard let range else { return "none" }
    return "\(range.start.line):\(range.start.column)"
}

extension YAMLValue {
    /// The value a parsed node means under the core schema; floats come back as their text.
    init(_ node: YAMLNode) {
        switch node.value {
        case .mapping(let pairs):
            self = .map(pairs.map { Entry($0.key.scalarText ?? "<complex key>", YAMLValue($0.value)) })
        case .sequence(let items):
            self = .list(items.map(YAMLValue.init))
        case .scalar(let text, _):
            if node.isNull {
                self = .null
            } else if let flag = node.boolValue {
                self = .bool(flag)
            } else if let number = node.intValue {
                self = .int(number)
            } else {
                self = .string(text)
            }
        }
    }
}
