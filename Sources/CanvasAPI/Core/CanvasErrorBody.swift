import Foundation

/// Canvas's message(s) out of an error response, whatever shape it used (`app/controllers/application_controller.rb`, `render_unauthorized_action` and the API error renderers).
struct CanvasErrorBody: Equatable {
    var message: String
    var details: [CanvasFieldError]
    var errorReportID: String?

    init(message: String, details: [CanvasFieldError] = [], errorReportID: String? = nil) {
        self.message = message
        self.details = details
        self.errorReportID = errorReportID
    }

    init(body: [UInt8]) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
            // Shape F, plain text (throttling), or an HTML error page from a proxy.
            let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(message: String(text.prefix(300)))
            return
        }
        var messages: [String] = []
        var details: [CanvasFieldError] = []
        switch json {
        case .object: Self.collect(json["errors"] ?? .null, attribute: nil, messages: &messages, details: &details)
        default: Self.collect(json, attribute: nil, messages: &messages, details: &details)
        }
        for key in ["message", "error_message"] {
            if case .string(let text)? = json[key] { messages.append(text) }
        }
        if case .string(let error)? = json["error"] {
            // OAuth (`error` + `error_description`) and one-offs like `{"error":"enrollment not inactive"}`.
            messages.append(json["error_description"]?.string ?? error)
        }
        let rendered = details.map { detail in
            detail.attribute.map { "\($0): \(detail.message)" } ?? detail.message
        }
        self.init(
            message: (messages + rendered).joined(separator: "; "), details: details,
            errorReportID: json["error_report_id"]?.string)
    }

    /// Walks `errors`: an array of messages or strings (B, B', E), an attribute-keyed object
    /// (A), or objects nested per record (D: `{"user":{…},"pseudonym":{…}}`).
    private static func collect(
        _ value: JSONValue, attribute: String?, messages: inout [String], details: inout [CanvasFieldError]
    ) {
        switch value {
        case .string(let text):
            messages.append(text)
        case .array(let items):
            for item in items {
                if case .object = item, let text = item["message"]?.string {
                    let field = item["attribute"]?.string ?? item["field"]?.string
                    let name = attribute.map { prefix in
                        field.map { prefix.hasSuffix($0) ? prefix : "\(prefix).\($0)" } ?? prefix
                    } ?? field
                    let code = item["type"]?.string ?? item["error_code"]?.string
                    if name == nil && code == nil {
                        messages.append(text)
                    } else {
                        details.append(CanvasFieldError(attribute: name, code: code, message: text))
                    }
                } else {
                    collect(item, attribute: attribute, messages: &messages, details: &details)
                }
            }
        case .object(let members):
            for (key, member) in members {
                let path = attribute.map { "\($0).\(key)" } ?? key
                collect(member, attribute: path, messages: &messages, details: &details)
            }
        case .null, .bool, .number:
            break
        }
    }
}
