/// An attribute value in a plan: what `before`, `after` and preconditions hold.
public enum PlanValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case null

    public init(_ string: String?) { self = string.map(PlanValue.string) ?? .null }
    /// Dates compare as instants: midnight UTC shows as a bare date whichever way it was written.
    public init(_ date: ConfigDate?) {
        self = date.map { .string(ConfigDate(epochSeconds: $0.epochSeconds, isDateOnly: true).iso8601) } ?? .null
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// As the plan text shows it: strings quoted, null as `(none)`.
    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .null: "(none)"
        }
    }
}
