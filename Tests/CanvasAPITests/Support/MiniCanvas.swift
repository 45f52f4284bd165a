import EaselHTTP
import Foundation
import Hummingbird

/// A few Canvas endpoints with the behaviours the client must cope with: opaque bookmark
/// pagination, a leaky-bucket throttle, flaky 5xx, lost write responses, token checks.
final class MiniCanvas: Sendable {
    static let goodToken = "good-token-7f3a9c"

    struct Course: Sendable {
        let id: Int
        let sisID: String
        let name: String
    }

    private struct State {
        var courses: [String: Course] = [:]
        var nextCourseID = 1
        var coursePosts = 0
        var sisConflicts = 0
        var flakyRequests = 0
        var bucketFill = 0.0
        var bucketUpdated: ContinuousClock.Instant?
        var throttled = 0
        var perPageSeen: Set<String> = []
        /// `LAG-…` SIS ids whose first create was dropped and whose first lookup missed.
        var lagged: Set<String> = []
        var laggedLookups: Set<String> = []

        /// The bucket starts nearly full at the first throttled request.
        mutating func leak() {
            let now = ContinuousClock.now
            guard let bucketUpdated else {
                bucketFill = 580
                self.bucketUpdated = now
                return
            }
            let (seconds, attoseconds) = (now - bucketUpdated).components
            bucketFill = max(0, bucketFill - (Double(seconds) + Double(attoseconds) / 1e18) * 2000)
            self.bucketUpdated = now
        }
    }

    private let state = Locked(State())
    /// Holds `/api/v1/slow` until a test opens it.
    let slow = Gate()

    var courses: [Course] { state.withLock { Array($0.courses.values) } }
    var coursePosts: Int { state.withLock { $0.coursePosts } }
    var sisConflicts: Int { state.withLock { $0.sisConflicts } }
    var serverThrottled: Int { state.withLock { $0.throttled } }
    var perPageSeen: Set<String> { state.withLock { $0.perPageSeen } }

    func routes(_ router: Router<TestContext>) {
        router.get("api/v1/accounts/self") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(Self.goodToken)" else {
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = "Bearer realm=\"canvas-lms\""
                return Self.json(401, #"{"errors":[{"message":"Invalid access token."}]}"#, headers)
            }
            return Self.json(200, #"{"id":"1","name":"Root","parent_account_id":null,"workflow_state":"active"}"#)
        }
        router.get("api/v1/forbidden") { _, _ -> Response in
            Self.json(401, #"{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#)
        }
        router.get("api/v1/slow") { _, _ -> Response in
            await self.slow.pass()
            return Self.json(200, #"{"id":"slow"}"#)
        }
        router.get("api/v1/items") { request, _ -> Response in self.items(request) }
        router.get("api/v1/accounts/1/terms") { request, _ -> Response in self.terms(request) }
        router.get("api/v1/bucket/:n") { _, _ -> Response in try await self.bucket() }
        router.get("api/v1/flaky/:n") { request, context -> Response in
            let shouldFail = self.state.withLock { state in
                state.flakyRequests += 1
                return state.flakyRequests % 10 == 0
            }
            if shouldFail {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "<html>503</html>")))
            }
            return Self.json(200, #"{"id":"\#(context.parameters.get("n") ?? "")"}"#)
        }
        router.post("api/v1/accounts/1/courses") { request, context -> Response in
            try await self.createCourse(request, context)
        }
        router.get("api/v1/courses/:ref") { _, context -> Response in
            let ref = context.parameters.get("ref") ?? ""
            let sisID = String(ref.dropFirst(14))
            let course = self.state.withLock { state -> Course? in
                // A lagging replica: the first lookup of a LAG- id misses a course that exists.
                if sisID.hasPrefix("LAG-"), state.laggedLookups.insert(sisID).inserted { return nil }
                return state.courses[sisID]
            }
            guard ref.hasPrefix("sis_course_id:"), let course else { return Self.json(404, #"{"errors":[{"message":"The specified resource does not exist."}]}"#) }
            return Self.json(200, Self.courseJSON(course))
        }
    }

    /// 1,000 items at `per_page` (Canvas default 10), bookmark pages, lowercase `link` header.
    private func items(_ request: Request) -> Response {
        let perPage = Int(request.uri.queryParameters["per_page"] ?? "10") ?? 10
        state.withLock { _ = $0.perPageSeen.insert(String(request.uri.queryParameters["per_page"] ?? "none")) }
        let offset = (request.uri.queryParameters["page"].flatMap { Self.unbookmark(String($0)) }) ?? 0
        let end = min(offset + perPage, 1000)
        let body = "[" + (offset..<end).map { #"{"id":"\#($0 + 1)","name":"item \#($0 + 1)"}"# }.joined(separator: ",") + "]"
        let host = request.head.authority ?? "127.0.0.1"
        var links = [#"<http://\#(host)/api/v1/items?page=\#(Self.bookmark(offset))&per_page=\#(perPage)>; rel="current""#]
        if end < 1000 {
            links.append(#"<http://\#(host)/api/v1/items?page=\#(Self.bookmark(end))&per_page=\#(perPage)>; rel="next""#)
        }
        links.append(#"<http://\#(host)/api/v1/items?page=first&per_page=\#(perPage)>; rel="first""#)
        var headers = HTTPFields()
        headers[.init("link")!] = links.joined(separator: ",")
        return Self.json(200, body, headers)
    }

    private func terms(_ request: Request) -> Response {
        let second = request.uri.queryParameters["page"] == "2"
        let ids = second ? ["3"] : ["1", "2"]
        let body = #"{"enrollment_terms":["# + ids.map { #"{"id":"\#($0)","name":"Term \#($0)","sis_term_id":"T\#($0)","start_at":"2026-09-01T00:00:00-06:00","overrides":{"StudentEnrollment":{"start_at":null,"end_at":"2027-01-31T23:59:00Z"}}}"# }.joined(separator: ",") + "]}"
        var headers = HTTPFields()
        if !second {
            headers[.init("Link")!] = #"<http://\#(request.head.authority ?? "")/api/v1/accounts/1/terms?page=2&per_page=100>; rel="next""#
        }
        return Self.json(200, body, headers)
    }

    /// Canvas's leaky bucket, scaled for a fast test: starts full enough to refuse the first
    /// request; 50 reserved per request in flight, 25 charged per request, 2,000 leaked per
    /// second, full at 600.
    private func bucket() async throws -> Response {
        let admitted = state.withLock { state -> Bool in
            state.leak()
            guard state.bucketFill + 50 <= 600 else {
                state.throttled += 1
                return false
            }
            state.bucketFill += 50
            return true
        }
        guard admitted else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            headers[.init("X-Rate-Limit-Remaining")!] = "0.0"
            return Response(status: .forbidden, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "403 Forbidden (Rate Limit Exceeded)\n")))
        }
        try await Task.sleep(for: .milliseconds(10))
        let remaining = state.withLock { state -> Double in
            state.leak()
            state.bucketFill += 25 - 50
            return 600 - state.bucketFill
        }
        var headers = HTTPFields()
        headers[.init("X-Request-Cost")!] = "25.0"
        headers[.init("X-Rate-Limit-Remaining")!] = String(remaining)
        return Self.json(200, #"{"ok":true}"#, headers)
    }

    /// Course create. Deterministically by request count: every 5th does the work and then
    /// drops the connection, every 13th drops it before any work, every 17th does the work
    /// and answers 500; the first create of a `LAG-` id does the work and drops. A taken SIS
    /// id is a shape-A 400, as in Canvas.
    private func createCourse(_ request: Request, _ context: TestContext) async throws -> Response {
        var request = request
        let form = Self.parseForm(String(buffer: try await request.collectBody(upTo: 1 << 16)))
        let sisID = form["course[sis_course_id]"] ?? ""
        let (post, created) = state.withLock { state -> (Int, Course?) in
            state.coursePosts += 1
            let post = sisID.hasPrefix("LAG-") && state.lagged.insert(sisID).inserted ? 5 : state.coursePosts
            if post % 13 == 0 { return (post, nil) }
            if state.courses[sisID] != nil {
                state.sisConflicts += 1
                return (post, nil)
            }
            let course = Course(id: state.nextCourseID, sisID: sisID, name: form["course[name]"] ?? "")
            state.nextCourseID += 1
            state.courses[sisID] = course
            return (post, course)
        }
        if post % 5 == 0 || post % 13 == 0 {
            await context.dropConnection()
            throw ConnectionDropped()
        }
        guard let created else {
            return Self.json(400, #"{"errors":{"sis_source_id":[{"attribute":"sis_source_id","type":"taken","message":"SIS ID \"\#(sisID)\" is already in use"}]}}"#)
        }
        if post % 17 == 0 {
            return Self.json(500, #"{"errors":[{"message":"An error occurred.","error_code":"internal_server_error"}],"error_report_id":42}"#)
        }
        return Self.json(200, Self.courseJSON(created))
    }

    static func courseJSON(_ course: Course) -> String {
        #"{"id":"\#(course.id)","name":"\#(course.name)","sis_course_id":"\#(course.sisID)","workflow_state":"unpublished","extra_field":{"nested":[1,2]}}"#
    }

    static func json(_ status: Int, _ body: String, _ extra: HTTPFields = HTTPFields()) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            fields[key] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
        }
        return fields
    }

    static func bookmark(_ offset: Int) -> String {
        "bookmark:" + Data("o\(offset)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func unbookmark(_ page: String) -> Int? {
        guard page.hasPrefix("bookmark:") else { return nil }
        var encoded = String(page.dropFirst(9))
        while encoded.count % 4 != 0 { encoded += "=" }
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else { return nil }
        return Int(text.dropFirst())
    }
}
