import EaselHTTP

/// A Canvas request that failed, with what the caller needs to decide what to do next.
///
/// Carries the method and path, never the token nor an `access_token` query parameter.
public struct CanvasError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Rate limit exceeded for longer than the client's throttle budget.
        case throttled
        /// The token itself is invalid, expired or revoked (401 with `WWW-Authenticate`).
        case unauthorized
        /// The token works but lacks permission (401/403 without `WWW-Authenticate`).
        case forbidden
        case notFound
        /// 400/409/422: Canvas refused the parameters; see `details`.
        case validation
        case server
        /// No HTTP response: connection, timeout, TLS.
        case transport
        /// A 2xx response whose body did not decode.
        case decoding
        case unexpected
    }

    public let kind: Kind
    public let status: Int?
    public let method: String
    public let path: String
    /// Canvas's own message, from whichever error shape it used.
    public let message: String
    /// Per-attribute errors (shapes A, B', D); `attribute` is dotted for nested objects: `pseudonym.unique_id`.
    public let details: [CanvasFieldError]
    public let errorReportID: String?
    /// A write whose response was lost: Canvas may or may not have applied it.
    public var outcomeUnknown: Bool
    /// How many times the request was sent before the client gave up (1: no retry).
    public var attempts = 1

    public init(
        kind: Kind, status: Int?, method: String, path: String, message: String,
        details: [CanvasFieldError] = [], errorReportID: String? = nil, outcomeUnknown: Bool = false
    ) {
        self.kind = kind
        self.status = status
        self.method = method
        self.path = path
        self.message = message
        self.details = details
        self.errorReportID = errorReportID
        self.outcomeUnknown = outcomeUnknown
    }

    /// `SIS ID "X" is already in use` on a course, section, term or login.
    public var isSISIdTaken: Bool {
        let sisAttributes = ["sis_source_id", "sis_user_id", "sis_course_id", "sis_section_id", "sis_term_id"]
        let byDetail = details.contains { detail in
            sisAttributes.contains { detail.attribute?.hasSuffix($0) == true }
                && (detail.code == "taken" || detail.message.contains("already in use"))
        }
        return byDetail || (message.contains("SIS ID") && message.contains("already in use"))
    }

    /// The login's `unique_id` belongs to another login in this account.
    public var isLoginIdTaken: Bool {
        details.contains { detail in
            detail.attribute?.hasSuffix("unique_id") == true
                && (detail.code == "taken" || detail.message.contains("already in use"))
        }
    }

    /// Whether any detail names `attribute` (suffix match, so `pseudonym.unique_id` matches
    /// `unique_id`) and, when given, contains `text` in its message.
    public func hasError(on attribute: String, containing text: String? = nil) -> Bool {
        details.contains { detail in
            detail.attribute?.hasSuffix(attribute) == true && (text.map(detail.message.contains) ?? true)
        }
    }

    public var description: String {
        let place = "\(method) \(path)"
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let text = message.isEmpty ? "no message" : message
        var line: String
        switch kind {
        case .unauthorized:
            line = "canvas rejected the access token as invalid or expired (\(place): \(status ?? 401) \(text)); "
                + "create a new token and set CANVAS_TOKEN or --token-file"
        case .forbidden:
            line = "permission denied for \(place) (\(status ?? 403)): \(text)"
        case .throttled:
            line = "\(place): still rate limited after backing off\(tries): \(text)"
        case .transport:
            line = attempts > 1 ? "\(place) failed\(tries): \(text)" : "\(place): \(text)"
        case .decoding:
            line = "\(place): unexpected response body: \(text)"
        default:
            line = "\(place) failed (\(status.map(String.init) ?? "no status"))\(tries): \(text)"
        }
        if let errorReportID { line += " (canvas error report \(errorReportID))" }
        if outcomeUnknown { line += "; the response was lost, so the change may or may not have been applied" }
        return line
    }
}

/// One attribute-level error from a Canvas error body.
public struct CanvasFieldError: Sendable, Equatable {
    public let attribute: String?
    /// `type` (shape A) or `error_code` (shape B'): `taken`, `blank`, `invalid`, or a message.
    public let code: String?
    public let message: String

    public init(attribute: String?, code: String?, message: String) {
        self.attribute = attribute
        self.code = code
        self.message = message
    }
}
