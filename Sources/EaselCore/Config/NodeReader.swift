import EaselYAML

/// Reads typed values out of YAML nodes, collecting a located diagnostic for every
/// problem and carrying on, so one run reports them all.
final class NodeReader {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }

    func append(_ more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    /// The entries of a mapping by key; unknown keys are reported with a suggestion.
    /// `what` names the object in messages ("course", "policy").
    func mapping(_ node: YAMLNode, _ what: String, keys allowed: [String]) -> Fields? {
        guard let pairs = node.mappingPairs else {
            error("expected a mapping for \(what), found \(node.kindName)", at: node.range)
            return nil
        }
        var fields = Fields(node: node, what: what)
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                error("expected a string key in \(what), found \(pair.key.kindName)", at: pair.key.range)
                continue
            }
            if allowed.contains(key) {
                fields.values[key] = pair.value
                fields.keyRanges[key] = pair.key.range
            } else {
                error("unknown key '\(key)' in \(what)\(Suggestion.hint(for: key, in: allowed))", at: pair.key.range)
            }
        }
        return fields
    }

    func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.sequenceItems { return items }
        if node.isNull { return [] }
        error("expected a list for '\(what)', found \(node.kindName)", at: node.range)
        return nil
    }

    /// A string-valued scalar; numbers are taken as written (`id: 1001`), booleans and null are not.
    func string(_ node: YAMLNode, _ what: String) -> String? {
        if case .scalar(let text, let style) = node.value, !node.isNull, node.boolValue == nil || style != .plain {
            return text
        }
        error("expected a string for '\(what)', found \(node.kindName)", at: node.range)
        return nil
    }

    /// A non-empty string without surrounding whitespace, as ids must be.
    func identifier(_ node: YAMLNode, _ what: String) -> String? {
        guard let s = string(node, what) else { return nil }
        if s.isEmpty || s.first!.isWhitespace || s.last!.isWhitespace {
            error("invalid \(what) '\(s)': ids must be non-empty with no leading or trailing spaces", at: node.range)
            return nil
        }
        return s
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if let b = node.boolValue { return b }
        error("expected true or false for '\(what)', found \(node.kindName)", at: node.range)
        return nil
    }

    func int(_ node: YAMLNode, _ what: String) -> Int? {
        if let i = node.intValue { return i }
        error("expected a whole number for '\(what)', found \(node.kindName)", at: node.range)
        return nil
    }

    func date(_ node: YAMLNode, _ what: String) -> ConfigDate? {
        guard let text = string(node, what) else { return nil }
        if let date = ConfigDate(iso: text) { return date }
        error("invalid date '\(text)' for '\(what)' (expected YYYY-MM-DD or a timestamp with a zone, like 2026-09-01T08:00:00Z)", at: node.range)
        return nil
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        error("invalid value '\(text)' for '\(what)' (expected \(Self.alternatives(options)))\(Suggestion.hint(for: text, in: options))", at: node.range)
        return nil
    }

    /// A list of ids written `[a, b]`, each with its own range.
    func refs(_ node: YAMLNode, _ what: String) -> [Ref] {
        guard let items = list(node, what) else { return [] }
        return items.compactMap { item in identifier(item, what).map { Ref($0, at: item.range) } }
    }

    /// "a, b or c"
    static func alternatives(_ options: [String]) -> String {
        options.count < 2 ? options.joined() : options.dropLast().joined(separator: ", ") + " or " + options.last!
    }
}

/// A mapping's values by key, with the mapping's own range for "missing key" errors.
struct Fields {
    let node: YAMLNode
    let what: String
    var values: [String: YAMLNode] = [:]
    var keyRanges: [String: SourceRange] = [:]

    init(node: YAMLNode, what: String) {
        self.node = node
        self.what = what
    }

    subscript(key: String) -> YAMLNode? {
        guard let value = values[key] else { return nil }
        return value
    }

    /// The value, or a "missing key" error at the mapping.
    func required(_ key: String, _ reader: NodeReader) -> YAMLNode? {
        if let value = values[key] { return value }
        reader.error("\(what) is missing required key '\(key)'", at: node.range)
        return nil
    }
}
