@testable import CanvasAPI
import EaselHTTP
import Testing

@Suite("Canvas error bodies and their classification")
struct ErrorShapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: String
        let message: String
        var details: [CanvasFieldError] = []
        var reportID: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "A attribute-keyed",
            body: #"{"errors":{"sis_source_id":[{"attribute":"sis_source_id","type":"taken","message":"SIS ID \"ABC\" is already in use"}]}}"#,
            message: #"sis_source_id: SIS ID "ABC" is already in use"#,
            details: [CanvasFieldError(attribute: "sis_source_id", code: "taken", message: #"SIS ID "ABC" is already in use"#)]),
        Case(
            name: "B array of messages", body: #"{"errors":[{"message":"The specified resource does not exist."}]}"#,
            message: "The specified resource does not exist."),
        Case(
            name: "B' field and error_code", body: #"{"errors":[{"field":"name","message":"can't be blank","error_code":"blank"}]}"#,
            message: "name: can't be blank", details: [CanvasFieldError(attribute: "name", code: "blank", message: "can't be blank")]),
        Case(
            name: "C message", body: #"{"message":"Can't add an enrollment to a concluded course."}"#,
            message: "Can't add an enrollment to a concluded course."),
        Case(
            name: "D nested per object",
            body: #"{"errors":{"user":{"pseudonyms":[{"attribute":"pseudonyms","message":"is invalid","type":"invalid"}]},"pseudonym":{"unique_id":[{"attribute":"unique_id","message":"ID already in use for this account and authentication provider","type":"taken"}]},"observee":{},"pairing_code":{},"recaptcha":null}}"#,
            message: "pseudonym.unique_id: ID already in use for this account and authentication provider; user.pseudonyms: is invalid",
            details: [
                CanvasFieldError(attribute: "pseudonym.unique_id", code: "taken", message: "ID already in use for this account and authentication provider"),
                CanvasFieldError(attribute: "user.pseudonyms", code: "invalid", message: "is invalid"),
            ]),
        Case(
            name: "E array of strings", body: #"{"errors":["SIS imports can only be executed on root accounts"]}"#,
            message: "SIS imports can only be executed on root accounts"),
        Case(
            name: "E error_message", body: #"{"error":true,"error_message":"Missing attachment"}"#, message: "Missing attachment"),
        Case(name: "E error string", body: #"{"error":"enrollment not inactive"}"#, message: "enrollment not inactive"),
        Case(
            name: "F plain text", body: "403 Forbidden (Rate Limit Exceeded)\n", message: "403 Forbidden (Rate Limit Exceeded)"),
        Case(
            name: "500 with report id",
            body: #"{"errors":[{"message":"An error occurred.","error_code":"internal_server_error"}],"error_report_id":123}"#,
            message: "An error occurred.",
            details: [CanvasFieldError(attribute: nil, code: "internal_server_error", message: "An error occurred.")],
            reportID: "123"),
        Case(
            name: "OAuth", body: #"{"error":"invalid_client","error_description":"unknown client"}"#, message: "unknown client"),
        Case(name: "errors as a string", body: #"{"errors":"Invalid as_user_id"}"#, message: "Invalid as_user_id"),
        Case(
            name: "term base error",
            body: #"{"errors":{"base":[{"attribute":"base","type":"End dates cannot be before start dates","message":"End dates cannot be before start dates"}]}}"#,
            message: "base: End dates cannot be before start dates",
            details: [CanvasFieldError(attribute: "base", code: "End dates cannot be before start dates", message: "End dates cannot be before start dates")]),
        Case(name: "null body", body: "null", message: ""),
    ]

    @Test(arguments: cases)
    func decodesEveryShape(_ shape: Case) {
        let parsed = CanvasErrorBody(body: Array(shape.body.utf8))
        #expect(parsed.message == shape.message)
        #expect(parsed.details == shape.details)
        #expect(parsed.errorReportID == shape.reportID)
    }

    static func error(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> CanvasError {
        CanvasError(
            response: HTTPResponse(status: status, headers: headers, body: Array(body.utf8)),
            request: CanvasRequest(method: .post, url: "https://c.example/api/v1/accounts/1/courses?access_token=x", body: nil))
    }

    @Test func classification() {
        let invalid = #"{"errors":[{"message":"Invalid access token."}]}"#
        #expect(Self.error(401, invalid, headers: ["www-authenticate": #"Bearer realm="canvas-lms""#]).kind == .unauthorized)
        #expect(Self.error(401, #"{"errors":[{"message":"user not authorized to perform that action"}]}"#).kind == .forbidden)
        #expect(Self.error(403, #"{"status":"unauthorized"}"#).kind == .forbidden)
        #expect(Self.error(404, "{}").kind == .notFound)
        #expect(Self.error(400, #"{"message":"Invalid type"}"#).kind == .validation)
        #expect(Self.error(422, "{}").kind == .validation)
        #expect(Self.error(502, "<html>bad gateway</html>").kind == .server)
        #expect(Self.error(302, "").kind == .unexpected)
        #expect(Self.error(404, "{}").path == "/api/v1/accounts/1/courses")
    }

    @Test func duplicateHelpers() {
        let course = Self.error(400, Self.cases[0].body)
        #expect(course.isSISIdTaken)
        #expect(!course.isLoginIdTaken)
        let user = Self.error(400, Self.cases[4].body)
        #expect(user.isLoginIdTaken)
        #expect(!user.isSISIdTaken)
        #expect(user.hasError(on: "unique_id", containing: "already in use"))
        let login = Self.error(400, #"{"errors":{"pseudonym":{"sis_user_id":[{"attribute":"sis_user_id","type":"taken","message":"SIS ID \"S1\" is already in use"}]}}}"#)
        #expect(login.isSISIdTaken)
    }

    @Test func throttleSignals() {
        func signal(_ status: Int, _ body: String, _ headers: HTTPHeaders) -> RateLimitSignal {
            RateLimitSignal(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
        }
        #expect(signal(403, "403 Forbidden (Rate Limit Exceeded)\n", ["Content-Type": "text/plain"]).throttled)
        #expect(signal(429, "429 Too Many Requests (Rate Limit Exceeded)", [:]).throttled)
        // Remaining at 0 is no throttle by itself: a bare 403 is a permission failure.
        #expect(!signal(403, "", ["content-type": "text/plain; charset=utf-8", "x-rate-limit-remaining": "0.0"]).throttled)
        #expect(signal(429, "Too Many Requests", [:]).throttled)
        #expect(!signal(403, #"{"status":"unauthorized"}"#, ["X-Rate-Limit-Remaining": "0.0", "Content-Type": "application/json"]).throttled)
        #expect(!signal(401, "Rate Limit Exceeded", [:]).throttled)
        let ok = signal(200, "{}", ["X-Request-Cost": "0.25", "X-Rate-Limit-Remaining": "587.5"])
        #expect(ok == RateLimitSignal(remaining: 587.5, cost: 0.25, throttled: false))
    }

    @Test func unauthorizedDescriptionIsPlain() {
        let error = Self.error(401, #"{"errors":[{"message":"Expired access token.","expired_at":"2026-01-01T00:00:00Z"}]}"#, headers: ["WWW-Authenticate": "Bearer"])
        #expect(error.description.hasPrefix("canvas rejected the access token as invalid or expired"))
        #expect(error.description.contains("Expired access token."))
        #expect(!error.description.contains("access_token=x"))
    }
}
