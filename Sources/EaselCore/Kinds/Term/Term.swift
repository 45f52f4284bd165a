import EaselYAML

public struct Term: Sendable {
    public var id: String
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var range: SourceRange
}
