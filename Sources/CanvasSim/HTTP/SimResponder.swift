import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which a dropped
/// response closes.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    var maxUploadSize: Int { 512 << 20 }
}

/// Serves `/api/v1/*` through the throttle, latency, fault injection and authentication, and
/// `/__sim/*` (the harness) directly.
struct SimResponder: HTTPResponder {
    typealias Context = SimRequestContext
    let core: SimCore
    let routes = RouteTable.api

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        let path = request.uri.path
        let rawSegments = path.split(separator: "/")
        if rawSegments.first == "__sim" {
            return await HarnessRoutes.respond(request, segments: rawSegments.dropFirst(), core: core)
        }
        let started = ContinuousClock.now
        let config = core.config.withLock { $0 }
        let method = request.method.rawValue
        let body = try await request.body.collect(upTo: context.maxUploadSize)

        var params = Params(form: request.uri.query ?? "")
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var badBody = false
        var rawBody: [UInt8] = []
        var files: [String: UploadedFile] = [:]
        if body.readableBytes > 0 {
            if contentType.contains("json") {
                if let decoded = try? JSONDecoder().decode(AnyJSON.self, from: Data(buffer: body)) {
                    params.merge(Params(json: decoded.value))
                } else {
                    badBody = true
                }
            } else if contentType.hasPrefix("multipart/form-data") {
                // Text parts are parameters (they win over the query, like a form body);
                // parts with a filename are files. The boundary is case-sensitive: read it
                // from the header as sent.
                var fields = Params()
                for part in Multipart.parse(Array(buffer: body), boundary: Multipart.boundary(request.headers[.contentType] ?? "") ?? "") {
                    if part.filename != nil || (part.contentType.map { !$0.hasPrefix("text/plain") } ?? false) {
                        files[part.name] = UploadedFile(filename: part.filename, contentType: part.contentType, data: Array(part.data))
                    } else {
                        fields.insert(key: part.name, value: String(decoding: part.data, as: UTF8.self))
                    }
                }
                params.merge(fields)
            } else if contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") {
                params.merge(Params(form: String(buffer: body)))
            } else {
                // A file sent as the body (a SIS import): Rails does not parse it as parameters.
                rawBody = Array(buffer: body)
            }
        }
        let token = Self.bearer(request.headers[.authorization]) ?? params.string("access_token")
        let bucket = token ?? "anonymous"

        if config.throttle.enabled {
            let (allowed, remaining) = core.throttle.reserve(bucket, config.throttle)
            if !allowed {
                let response = Self.throttled(config.throttle, remaining: remaining)
                core.stats.withLock {
                    $0.total += 1
                    $0.throttled += 1
                    $0.byStatus[String(response.status.code), default: 0] += 1
                }
                return response
            }
        }

        if config.latencyMs > 0 || config.jitterMs > 0 {
            let ms = config.latencyMs + Int(core.faults.unit() * Double(max(0, config.jitterMs) + 1))
            // Counted so tests can see that waits overlap: the sleep holds no lock.
            core.stats.withLock {
                $0.waiting += 1
                $0.peakWaiting = max($0.peakWaiting, $0.waiting)
            }
            try? await Task.sleep(for: .milliseconds(ms))
            core.stats.withLock { $0.waiting -= 1 }
        }

        let matched = routes.match(method: method, rawSegments: rawSegments)
        var response: Response
        if core.faults.chance(config.faultRate) {
            response = Self.fault(core.faults.faultStatus())
            core.stats.withLock { $0.faultsInjected += 1 }
        } else if let (route, pathParams) = matched {
            let apiResponse: APIResponse
            if badBody {
                apiResponse = APIResponse(status: 400, body: APIError.errorsArray("Invalid JSON body"))
            } else if let token {
                let (valid, userId) = core.authenticate(token)
                if valid, config.unauthorizedPaths.contains(where: { path.hasPrefix($0) }) {
                    apiResponse = APIResponse(status: 401, body: .object([
                        ("status", .string("unauthorized")),
                        ("errors", .array([.object([("message", .string("user not authorized to perform that action"))])])),
                    ]))
                } else if valid {
                    let host = request.head.authority ?? "127.0.0.1"
                    let req = APIRequest(
                        method: method, pathParams: pathParams, params: params,
                        pagination: Pagination(baseURL: "http://\(host)\(path)", rawQuery: request.uri.query ?? "", params: params),
                        callerUserId: userId, origin: "http://\(host)", contentType: contentType, rawBody: rawBody, files: files)
                    do {
                        apiResponse = try core.store.transaction { s in
                            // API writes mark the sticky fields they change (SIS stickiness).
                            s.apiWrite = true
                            defer { s.apiWrite = false }
                            return try route.handler(req, &s)
                        }
                        apiResponse.afterCommit?(core)
                    } catch let error as APIError {
                        apiResponse = APIResponse(status: error.status, body: error.body)
                    }
                } else {
                    apiResponse = APIResponse(status: 401, body: APIError.errorsArray("Invalid access token."))
                }
            } else {
                apiResponse = APIResponse(status: 401, body: .object([
                    ("status", .string("unauthenticated")),
                    ("errors", .array([.object([("message", .string("user authorization required"))])])),
                ]))
            }
            let stringIds = request.headers[.accept]?.contains("application/json+canvas-string-ids") ?? false
            response = Self.render(apiResponse, stringIds: stringIds)
            if apiResponse.status == 401, token == nil || apiResponse.body?["status"] == nil {
                // Token problems carry WWW-Authenticate; permission failures would not.
                response.headers[.wwwAuthenticate] = "Bearer realm=\"canvas-lms\""
            }
        } else {
            response = Self.render(APIResponse(status: 404, body: APIError.notFound.body), stringIds: false)
        }

        if config.throttle.enabled {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let cost = config.throttle.costPerRequest + seconds * config.throttle.costPerSecond
            let remaining = core.throttle.charge(bucket, cost: cost, config.throttle)
            response.headers[.requestCost] = Self.rubyFloat(cost)
            response.headers[.rateLimitRemaining] = Self.rubyFloat(remaining)
        }
        let status = response.status.code
        core.stats.withLock {
            $0.total += 1
            $0.byStatus[String(status), default: 0] += 1
            if let (route, _) = matched { $0.byRoute[route.template, default: 0] += 1 } else { $0.unmatched += 1 }
        }

        // A lost response: the work is done, then the connection closes before any byte of
        // the response goes out, so the client cannot tell whether the write happened.
        if let (route, _) = matched, route.isWrite, core.faults.chance(config.dropRate) {
            core.stats.withLock { $0.drops += 1 }
            try? await context.channel.close(mode: .all)
        }
        return response
    }

    static func bearer(_ header: String?) -> String? {
        guard let header, header.count > 7, header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst(7).trimmingWhitespace()
        return token.isEmpty ? nil : token
    }

    static func render(_ r: APIResponse, stringIds: Bool) -> Response {
        var headers = HTTPFields()
        if let raw = r.raw {
            headers[.contentType] = raw.contentType
            if let name = raw.filename { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
            return Response(status: .init(code: r.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: raw.bytes)))
        }
        headers[.contentType] = "application/json; charset=utf-8"
        if let link = r.link { headers[.link] = link }
        let bytes = (r.body ?? .null).serialized(stringIds: stringIds)
        return Response(status: .init(code: r.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Canvas's throttled answer (`app/middleware/request_throttle.rb`): plain text naming the
    /// limit, and `X-Rate-Limit-Remaining` as the bucket stands once this request's up-front
    /// reservation is given back, so rarely 0. A bare one is what a proxy sends: no phrase,
    /// no rate-limit headers.
    static func throttled(_ settings: ThrottleSettings, remaining: Double) -> Response {
        var headers = HTTPFields()
        if let seconds = settings.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        if settings.bare {
            headers[.contentType] = "text/html"
            let html = "<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1></body></html>\n"
            return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.rateLimitRemaining] = rubyFloat(remaining)
        let status = settings.status
        let text = status == 429 ? "429 Too Many Requests (Rate Limit Exceeded)\n" : "403 Forbidden (Rate Limit Exceeded)\n"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func fault(_ status: Int) -> Response {
        if status == 500 {
            var body = APIError.internalError.body!
            if case .object(var members) = body {
                members[members.count - 1] = ("error_report_id", .int(Int.random(in: 100_000...999_999)))
                body = .object(members)
            }
            return render(APIResponse(status: 500, body: body), stringIds: false)
        }
        // 502/503 come from the load balancer in front of Canvas: HTML, not JSON.
        var headers = HTTPFields()
        headers[.contentType] = "text/html"
        let text = status == 502 ? "Bad Gateway" : "Service Unavailable"
        let html = "<html><head><title>\(status) \(text)</title></head><body><h1>\(status) \(text)</h1></body></html>\n"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Floats written like Ruby's `Float#to_s` for ordinary values: `600.0`, `0.0123`.
    static func rubyFloat(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return "\(Int(v)).0" }
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s += "0" }
        return s
    }
}

extension HTTPField.Name {
    static let requestCost = HTTPField.Name("X-Request-Cost")!
    static let rateLimitRemaining = HTTPField.Name("X-Rate-Limit-Remaining")!
    static let link = HTTPField.Name("Link")!
    static let retryAfter = HTTPField.Name("Retry-After")!
}
