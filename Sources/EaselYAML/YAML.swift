/// Limits that keep a hostile or mistaken document from exhausting memory.
public struct YAMLLimits: Sendable {
    public var maxDepth: Int = 64
    /// Total nodes that alias expansion may add to a document.
    public var maxAliasExpansion: Int = 100_000
    public init() {}
}

/// What parsing one file yields: a root (nil when the file is empty or unreadable) and every problem found.
public struct YAMLParseResult: Sendable {
    public var root: YAMLNode?
    public var diagnostics: [Diagnostic]
    public init(root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}

public enum YAML {
    /// Parses one YAML document from `text`; `file` names it in ranges and diagnostics.
    ///
    /// The root is nil for an empty file and after a syntax error or an exceeded limit.
    /// Duplicate keys, refused merge keys and undefined aliases are reported, and the
    /// rest of the document is still returned so callers can report further problems.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .init()) -> YAMLParseResult {
        YAMLParser(text: text, file: file, limits: limits).run()
    }
}
