/// A decoded API request as route handlers see it.
struct APIRequest: Sendable {
    var method: String
    /// Path parameters, percent-decoded (so `sis_course_id:A%2FB` arrives as `…:A/B`).
    var pathParams: [String: String]
    var params: Params
    var pagination: Pagination
    /// The user the token belongs to (`self`), if the token names one.
    var callerUserId: Int?
    /// `http://host:port` as the client addressed the server, for URLs in bodies.
    var origin: String = ""
    /// The lower-cased `Content-Type`.
    var contentType: String = ""
    /// The body when it was neither a form, JSON nor multipart (e.g. a raw SIS zip or CSV).
    var rawBody: [UInt8] = []
    /// Files of a multipart body, by field name.
    var files: [String: UploadedFile] = [:]

    func ref(_ name: String) -> IdRef { IdRef(pathParams[name] ?? "") }
    func includes() -> Set<String> { Set(params.strings("include") ?? []) }
}

/// What a handler returns: a status and a JSON body (or none), plus a Link header; or raw
/// bytes (a file download). `afterCommit` runs once the handler's transaction has committed
/// (it starts background jobs such as a SIS import).
struct APIResponse: Sendable {
    var status: Int = 200
    var body: JSON?
    var link: String?
    var raw: RawBody?
    var afterCommit: (@Sendable (SimCore) -> Void)?

    struct RawBody: Sendable {
        var contentType: String
        var bytes: [UInt8]
        var filename: String?
    }

    static func json(_ body: JSON, status: Int = 200) -> APIResponse { APIResponse(status: status, body: body) }

    static func page(_ items: [JSON], link: String) -> APIResponse {
        APIResponse(status: 200, body: .array(items), link: link)
    }
}

/// Handlers run inside the store's critical section.
typealias RouteHandler = @Sendable (APIRequest, inout StoreState) throws -> APIResponse

struct Route: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case param(String)
    }

    let method: String
    let segments: [Segment]
    /// e.g. `GET /api/v1/courses/:course_id/enrollments`: the key of request counts.
    let template: String
    let handler: RouteHandler

    var isWrite: Bool { method != "GET" && method != "HEAD" }
}

/// The API's routes, matched segment by segment against the raw (still encoded) path, so an
/// encoded `/` inside a SIS id never splits a segment.
struct RouteTable: Sendable {
    private(set) var routes: [Route] = []

    mutating func add(_ method: String, _ path: String, _ handler: @escaping RouteHandler) {
        let segments: [Route.Segment] = path.split(separator: "/").map {
            $0.hasPrefix(":") ? .param(String($0.dropFirst())) : .literal(String($0))
        }
        routes.append(Route(method: method, segments: segments, template: "\(method) \(path)", handler: handler))
    }

    /// The matching route and its decoded parameters; `methodMismatch` when the path exists
    /// for another method only.
    func match(method: String, rawSegments: [Substring]) -> (Route, [String: String])? {
        outer: for route in routes where route.method == method && route.segments.count == rawSegments.count {
            var params: [String: String] = [:]
            for (segment, raw) in zip(route.segments, rawSegments) {
                switch segment {
                case .literal(let text):
                    if raw != text { continue outer }
                case .param(let name):
                    params[name] = PercentDecoding.decode(raw, plusIsSpace: false)
                }
            }
            return (route, params)
        }
        return nil
    }

    static let api: RouteTable = {
        var table = RouteTable()
        AccountRoutes.register(&table)
        TermRoutes.register(&table)
        CourseRoutes.register(&table)
        SectionRoutes.register(&table)
        UserRoutes.register(&table)
        LoginRoutes.register(&table)
        EnrollmentRoutes.register(&table)
        RoleRoutes.register(&table)
        SISImportRoutes.register(&table)
        ReportRoutes.register(&table)
        FileRoutes.register(&table)
        return table
    }()
}
