/// How a scalar was written; quoted and block scalars are always strings.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a parsed YAML document, with where it was written.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    public var range: SourceRange
    /// An explicit tag (`!!str`), if one was written.
    public var tag: String?

    public init(_ value: Value, range: SourceRange, tag: String? = nil) {
        self.value = value
        self.range = range
        self.tag = tag
    }
}

/// A key/value entry of a mapping, in document order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
