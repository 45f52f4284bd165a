/// How a request names a Canvas object: by Canvas id, by one of its SIS-style ids, or by a
/// special name such as `self`, `default` or `current`.
public enum CanvasRef: Sendable, Hashable, CustomStringConvertible {
    case id(CanvasID)
    case sis(SISKind, String)
    case special(String)

    public static let `self` = CanvasRef.special("self")

    /// Reads the forms a config may hold: `123`, `sis_course_id:CS101`, `self`.
    public init(_ text: String) {
        if !text.isEmpty, text.utf8.count <= 19, text.allSatisfy(\.isASCIIDigit) {
            self = .id(CanvasID(text))
        } else if let kind = SISKind.allCases.first(where: { text.hasPrefix($0.rawValue + ":") }) {
            self = .sis(kind, String(text.dropFirst(kind.rawValue.count + 1)))
        } else {
            self = .special(text)
        }
    }

    /// As Canvas reads it in a parameter value (the form encoder escapes it later).
    public var description: String {
        switch self {
        case .id(let id): id.rawValue
        case .sis(let kind, let value): "\(kind.rawValue):\(value)"
        case .special(let name): name
        }
    }

    /// The ready-to-use path segment under `encoding`.
    public func pathSegment(_ encoding: SISIdEncoding = .hexWhenProxyUnsafe) -> String {
        switch self {
        case .id(let id): CanvasPath.escapeSegment(id.rawValue)
        case .sis(let kind, let value):
            encoding.usesHex(for: value)
                ? CanvasPath.hexForm(kind, value) : "\(kind.rawValue):\(CanvasPath.escapeSegment(value))"
        case .special(let name): CanvasPath.escapeSegment(name)
        }
    }

    /// The value for an id-valued parameter (`enrollment[user_id]=sis_user_id:S1`), unescaped.
    public func parameterValue(_ encoding: SISIdEncoding = .hexWhenProxyUnsafe) -> String {
        if case .sis(let kind, let value) = self, encoding.usesHex(for: value) {
            return CanvasPath.hexForm(kind, value)
        }
        return description
    }
}

/// The `sis_*:` prefixes Canvas resolves in paths and most id parameters (`lib/api.rb`, `sis_parse_id`; Canvas's API docs, "Object IDs, SIS IDs, and special IDs").
public enum SISKind: String, Sendable, Hashable, CaseIterable {
    case account = "sis_account_id"
    case term = "sis_term_id"
    case course = "sis_course_id"
    case section = "sis_section_id"
    case user = "sis_user_id"
    case login = "sis_login_id"
    case integration = "sis_integration_id"
}

/// When a SIS id goes into a path in the legacy `hex:` form instead of percent-escaped.
public enum SISIdEncoding: Sendable {
    /// Always percent-escape (`/` → `%2F`, `.` → `%2E`), as Canvas documents.
    case percent
    /// `hex:` for values holding `/ \ % ? #`: proxies in front of self-hosted Canvas
    /// (Apache without `AllowEncodedSlashes NoDecode`, double-decoding rewrites) turn those
    /// escapes back into delimiters and the lookup 404s. Everything else is percent-escaped.
    case hexWhenProxyUnsafe
    /// Always `hex:`.
    case hex

    func usesHex(for value: String) -> Bool {
        switch self {
        case .percent: false
        case .hex: true
        case .hexWhenProxyUnsafe: value.contains { "/\\%?#".contains($0) }
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
