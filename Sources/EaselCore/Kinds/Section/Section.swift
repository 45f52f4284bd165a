import EaselYAML

public struct Section: Sendable {
    public var id: String
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var range: SourceRange
}
