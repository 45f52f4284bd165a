extension YAMLNode {
    /// The type of a scalar under the YAML 1.2 core schema.
    public enum ScalarKind: Sendable, Hashable {
        case null, bool, int, float, string
    }

    /// The scalar's type: explicit tags first, then quoted and block scalars are strings,
    /// then plain text is resolved by the core schema. Nil for mappings and lists.
    ///
    /// A tag whose text does not fit it (`!!int abc`) makes the scalar a string.
    public var scalarKind: ScalarKind? {
        guard case .scalar(let text, let style) = value else { return nil }
        switch tag {
        case nil:
            return style == .plain ? CoreSchema.kind(of: text) : .string
        case "!!null":
            return CoreSchema.kind(of: text) == .null ? .null : .string
        case "!!bool":
            return CoreSchema.kind(of: text) == .bool ? .bool : .string
        case "!!int":
            return CoreSchema.kind(of: text) == .int ? .int : .string
        case "!!float":
            let kind = CoreSchema.kind(of: text)
            return kind == .float || kind == .int ? .float : .string
        default:
            // `!!str`, the non-specific `!`, and tags we do not know.
            return .string
        }
    }

    /// The text of any scalar, whatever its type or style.
    public var scalarText: String? {
        guard case .scalar(let text, _) = value else { return nil }
        return text
    }

    /// The text of a scalar that is a string (not null, a boolean or a number).
    public var stringValue: String? {
        scalarKind == .string ? scalarText : nil
    }

    public var isNull: Bool { scalarKind == .null }

    public var boolValue: Bool? {
        guard scalarKind == .bool, let first = scalarText?.utf8.first else { return nil }
        return first == UInt8(ascii: "t") || first == UInt8(ascii: "T")
    }

    /// Decimal with an optional sign, `0o` octal or `0x` hex; nil when out of range.
    public var intValue: Int? {
        guard scalarKind == .int, let text = scalarText else { return nil }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        return Int(text)
    }

    /// Any number, including integers and `.inf`/`.nan`.
    public var doubleValue: Double? {
        guard let kind = scalarKind, kind == .int || kind == .float, var text = scalarText?[...] else {
            return nil
        }
        if CoreSchema.isInteger(text.utf8) { return intValue.map(Double.init) ?? Double(text) }
        let negative = text.hasPrefix("-")
        if negative || text.hasPrefix("+") { text = text.dropFirst() }
        switch text {
        case ".inf", ".Inf", ".INF": return negative ? -.infinity : .infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(text).map { negative ? -$0 : $0 }
        }
    }

    public var isScalar: Bool { scalarText != nil }

    public var mappingPairs: [YAMLPair]? {
        guard case .mapping(let pairs) = value else { return nil }
        return pairs
    }

    public var sequenceItems: [YAMLNode]? {
        guard case .sequence(let items) = value else { return nil }
        return items
    }

    /// The value under a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mappingPairs?.first { $0.key.scalarText == key }?.value
    }

    /// What the node is, for messages like `expected a list, found a string`.
    public var kindName: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            switch scalarKind {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .string, nil: return "a string"
            }
        }
    }
}
