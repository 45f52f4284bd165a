/// A position in a source file: 1-based line, 1-based column counted in characters.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A span of a source file; `end` is exclusive.
public struct SourceRange: Hashable, Sendable {
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range for values that were not read from a file (generated, defaulted).
    public static func synthetic(_ what: String = "<generated>") -> SourceRange {
        SourceRange(file: what, start: .init(line: 0, column: 0), end: .init(line: 0, column: 0))
    }

    public var isSynthetic: Bool { start.line == 0 }
}
