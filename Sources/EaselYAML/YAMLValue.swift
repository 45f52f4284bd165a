/// A YAML value to write: what `YAMLWriter` turns into text.
///
/// Mappings keep their keys in the order given. Literals build values directly:
/// `["id": "S1001", "students": ["S1", "S2"], "published": true]`.
public enum YAMLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case list([YAMLValue])
    case map([Entry])

    /// One key and its value in a mapping.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: YAMLValue

        public init(_ key: String, _ value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: YAMLValue...) { self = .list(elements) }

    /// Keeps the literal's order.
    public init(dictionaryLiteral elements: (String, YAMLValue)...) {
        self = .map(elements.map { Entry($0.0, $0.1) })
    }
}
