import Foundation

/// Ordered `key=value` pairs for a query string or an `application/x-www-form-urlencoded`
/// body, in Rails's nested notation: `course[name]=X&state[]=active&state[]=deleted`.
public struct FormFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [Field] = []

    public struct Field: Sendable, Equatable {
        public let key: String
        public let value: String
    }

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { add(key, value) }
    }

    public mutating func add(_ key: String, _ value: String) {
        fields.append(Field(key: key, value: value))
    }

    /// Adds nothing when `value` is nil.
    public mutating func add(_ key: String, _ value: String?) {
        if let value { add(key, value) }
    }

    public mutating func add(_ key: String, _ value: Bool?) {
        if let value { add(key, value ? "true" : "false") }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        if let value { add(key, String(value)) }
    }

    public mutating func add(_ key: String, _ value: CanvasID?) {
        if let value { add(key, value.rawValue) }
    }

    /// UTC ISO 8601 (`2026-09-01T00:00:00Z`).
    public mutating func add(_ key: String, _ value: Date?) {
        if let value { add(key, CanvasJSON.format(value)) }
    }

    /// `nil` leaves the attribute alone; `.some(nil)` clears it (an empty value).
    public mutating func add(_ key: String, _ value: Date??) {
        switch value {
        case .none: break
        case .some(.none): add(key, "")
        case .some(.some(let date)): add(key, date)
        }
    }

    /// Repeats `key` (which should end in `[]`) once per value.
    public mutating func add(_ key: String, each values: [String]) {
        for value in values { add(key, value) }
    }

    public mutating func append(contentsOf other: FormFields) {
        fields += other.fields
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// Every byte but `A-Z a-z 0-9 - _ . ~` is percent-escaped (a space is `%20`, `+` is `%2B`);
    /// in keys `[` and `]` stay literal, as Canvas documents and Rails parses them.
    public var encoded: String {
        fields.map { field in
            let key = CanvasPath.percentEscape(field.key) {
                CanvasPath.isUnreserved($0) || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
            }
            return key + "=" + CanvasPath.percentEscape(field.value, keeping: CanvasPath.isUnreserved)
        }.joined(separator: "&")
    }
}
