import Foundation

/// A request body in one of the two encodings Canvas accepts for POST and PUT.
public enum CanvasBody: Sendable, Equatable {
    /// `application/x-www-form-urlencoded`, Rails-nested keys: `course[name]=X`.
    case form(FormFields)
    /// `application/json`, already encoded.
    case json([UInt8])
    /// A file sent as the whole body (a SIS import's zip), with its content type.
    case raw([UInt8], contentType: String)

    /// Encodes `value` with snake_case keys and ISO 8601 dates.
    public static func encodingJSON(_ value: some Encodable) throws -> CanvasBody {
        .json(Array(try CanvasJSON.encoder().encode(value)))
    }

    var contentType: String {
        switch self {
        case .form: "application/x-www-form-urlencoded"
        case .json: "application/json"
        case .raw(_, let contentType): contentType
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .form(let fields): Array(fields.encoded.utf8)
        case .json(let bytes), .raw(let bytes, _): bytes
        }
    }
}
