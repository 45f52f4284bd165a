/// A Canvas error response: the status and exactly the body shape Canvas uses for it
/// (`app/controllers/application_controller.rb` and the controllers' own `render json: {errors: …}`: shapes A, B, C, D).
struct APIError: Error, Sendable {
    var status: Int
    var body: JSON?
    var headers: [(String, String)] = []

    init(status: Int, body: JSON?, headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// Shape B 404, also used for deleted objects and malformed ids.
    static let notFound = APIError(status: 404, body: errorsArray("The specified resource does not exist."))

    /// Shape B: `{"errors":[{"message":…}]}`.
    static func errorsArray(_ message: String) -> JSON {
        .object([("errors", .array([.object([("message", .string(message))])]))])
    }

    /// Shape C: `{"message":…}` with 400.
    static func message(_ text: String, status: Int = 400) -> APIError {
        APIError(status: status, body: .object([("message", .string(text))]))
    }

    /// Shape B with 400, e.g. a missing required hash (`enrollment_term is missing`).
    static func badRequest(_ text: String) -> APIError {
        APIError(status: 400, body: errorsArray(text))
    }

    /// One shape-A entry.
    static func attributeError(_ attribute: String, type: String, message: String) -> JSON {
        .object([("attribute", .string(attribute)), ("type", .string(type)), ("message", .string(message))])
    }

    /// Shape A: `{"errors":{attr:[{attribute,type,message}]}}` with 400.
    static func invalid(_ attribute: String, type: String, message: String) -> APIError {
        APIError(status: 400, body: .object([("errors", .object([(attribute, .array([attributeError(attribute, type: type, message: message)]))]))]))
    }

    /// The duplicate-SIS-id error of courses, sections and terms.
    static func sisTaken(_ value: String) -> APIError {
        invalid("sis_source_id", type: "taken", message: "SIS ID \"\(value)\" is already in use")
    }

    static let internalError = APIError(
        status: 500,
        body: .object([
            ("errors", .array([.object([("message", .string("An error occurred.")), ("error_code", .string("internal_server_error"))])])),
            ("error_report_id", .int(0)),
        ]))
}
