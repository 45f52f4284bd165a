import EaselHTTP
import Foundation

/// One HTTP exchange the pipeline may send several times.
struct CanvasRequest: Sendable {
    var method: HTTPMethod
    /// Absolute URL, on `CanvasClient.origin` unless `authorized` is false.
    var url: String
    var body: CanvasBody?
    /// Whether the token goes with the request: only to this Canvas's own origin.
    var authorized = true
    /// Whether a 3xx with `Location` is handed back (a file download follows it itself);
    /// otherwise a redirect is an error, because API requests follow none.
    var returnsRedirects = false

    var path: String { CanvasRequestLog.redactedPath(url) }
}

extension CanvasClient {
    /// Sends `method path?query` with `body` and returns the 2xx response; any other outcome throws `CanvasError`.
    ///
    /// GET, PUT and DELETE are retried after 5xx, timeouts and dropped connections. POST is
    /// re-sent only when it provably never left (connection refused); otherwise the error
    /// has `outcomeUnknown` set. Use `write(…readBack:)` to settle such a write.
    public func send(
        _ method: HTTPMethod, _ path: String, query: FormFields = FormFields(), body: CanvasBody? = nil
    ) async throws -> HTTPResponse {
        try await perform(CanvasRequest(method: method, url: url(path, query: query), body: body))
    }

    /// Sends and decodes the JSON response as `T`.
    public func send<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: FormFields = FormFields(), body: CanvasBody? = nil,
        as type: T.Type = T.self
    ) async throws -> T {
        let request = CanvasRequest(method: method, url: url(path, query: query), body: body)
        return try decode(T.self, from: try await perform(request), for: request)
    }

    /// `GET path` decoded as `T`.
    public func get<T: Decodable>(_ path: String, query: FormFields = FormFields(), as type: T.Type = T.self)
        async throws -> T
    {
        try await send(.get, path, query: query, as: T.self)
    }

    /// The request pipeline: limiter slot, send, rate-limit bookkeeping, log, and the retry rules.
    func perform(_ request: CanvasRequest) async throws -> HTTPResponse {
        let policy = configuration.retry
        var failures = 0
        var throttles = 0
        var throttleWaited = Duration.zero
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            try await limiter.acquire()
            counters.withLock { $0.requestsSent += 1 }
            let started = ContinuousClock.now
            let outcome: Result<HTTPResponse, HTTPTransportError>
            do {
                outcome = .success(try await transport.send(httpRequest(for: request)))
            } catch let error as HTTPTransportError {
                outcome = .failure(error)
            } catch {
                limiter.release()
                throw error
            }
            limiter.release()
            let elapsed = ContinuousClock.now - started

            switch outcome {
            case .success(let response):
                let signal = RateLimitSignal(response)
                limiter.observe(signal)
                log(request, response: response, signal: signal, elapsed: elapsed, attempt: attempt)
                if signal.throttled {
                    // Canvas refuses throttled requests before doing any work: always safe to re-send.
                    counters.withLock { $0.throttledResponses += 1 }
                    throttles += 1
                    let delay = policy.throttleDelay(attempt: throttles, retryAfter: signal.retryAfter)
                    guard throttleWaited + delay <= policy.maxThrottleWait else {
                        var error = CanvasError(response: response, request: request, kind: .throttled)
                        error.attempts = attempt
                        throw error
                    }
                    throttleWaited += delay
                    try await pauseBeforeRetry(
                        delay, .throttled, request, attempt: attempt + 1, of: nil, "rate limited (\(response.status))")
                    continue
                }
                if response.isSuccess { return response }
                if request.returnsRedirects, (300..<400).contains(response.status), response.headers["Location"] != nil {
                    return response
                }
                var error = CanvasError(response: response, request: request)
                if error.kind == .server {
                    failures += 1
                    if request.method.isIdempotent, failures < policy.maxAttempts {
                        try await pauseBeforeRetry(
                            policy.failureDelay(attempt: failures), .failed, request, attempt: attempt + 1,
                            of: policy.maxAttempts, "status \(response.status)")
                        continue
                    }
                    error.outcomeUnknown = !request.method.isIdempotent
                }
                error.attempts = attempt
                throw error

            case .failure(let failure):
                log(request, failure: failure, elapsed: elapsed, attempt: attempt)
                if failure.kind == .cancelled, Task.isCancelled { throw CancellationError() }
                let transient: Set<HTTPTransportError.Kind> = [.connectionFailed, .connectionDropped, .timedOut]
                let resendable = request.method.isIdempotent || !failure.requestSent
                failures += 1
                if transient.contains(failure.kind), resendable, failures < policy.maxAttempts {
                    try await pauseBeforeRetry(
                        policy.failureDelay(attempt: failures), .failed, request, attempt: attempt + 1,
                        of: policy.maxAttempts, failure.description)
                    continue
                }
                var error = CanvasError(
                    kind: .transport, status: nil, method: request.method.rawValue, path: request.path,
                    message: failure.description, outcomeUnknown: !resendable)
                error.attempts = attempt
                throw error
            }
        }
    }

    /// Reports the retry to `configuration.onRetry`, then waits `delay`.
    private func pauseBeforeRetry(
        _ delay: Duration, _ reason: CanvasRetry.Reason, _ request: CanvasRequest, attempt: Int, of maxAttempts: Int?,
        _ problem: String
    ) async throws {
        configuration.onRetry?(
            CanvasRetry(
                reason: reason, method: request.method.rawValue, path: request.path, attempt: attempt,
                maxAttempts: maxAttempts, delay: delay, problem: problem))
        try await pauseBeforeRetry(delay)
    }

    func pauseBeforeRetry(_ delay: Duration) async throws {
        counters.withLock { $0.retries += 1 }
        try await Task.sleep(for: delay)
    }

    private func httpRequest(for request: CanvasRequest) -> HTTPRequest {
        var headers: HTTPHeaders = [
            "Accept": "application/json+canvas-string-ids",
            "User-Agent": configuration.userAgent,
        ]
        if request.authorized { headers.add(name: "Authorization", value: "Bearer \(token.value)") }
        if let body = request.body { headers.add(name: "Content-Type", value: body.contentType) }
        return HTTPRequest(
            method: request.method, url: request.url, headers: headers, body: request.body?.bytes,
            timeout: configuration.requestTimeout)
    }

    func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, for request: CanvasRequest) throws -> T {
        do {
            return try CanvasJSON.decoder().decode(T.self, from: Data(response.body))
        } catch {
            throw CanvasError(
                kind: .decoding, status: response.status, method: request.method.rawValue, path: request.path,
                message: "cannot decode \(T.self): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "missing '\(key.stringValue)'" + (path.isEmpty ? "" : " at \(path)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(context.debugDescription) at \(path)"
        @unknown default:
            return "\(error)"
        }
    }

    private func log(
        _ request: CanvasRequest, response: HTTPResponse? = nil, signal: RateLimitSignal? = nil,
        failure: HTTPTransportError? = nil, elapsed: Duration, attempt: Int
    ) {
        guard let log = configuration.log else { return }
        let (seconds, attoseconds) = elapsed.components
        log(
            CanvasRequestLog(
                method: request.method.rawValue, path: request.path, status: response?.status,
                milliseconds: Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000),
                requestCost: signal?.cost, rateLimitRemaining: signal?.remaining, attempt: attempt,
                failure: failure?.description))
    }
}

extension CanvasError {
    /// Classifies a non-2xx response by status (Canvas API docs: "Throttling", error responses).
    init(response: HTTPResponse, request: CanvasRequest, kind: Kind? = nil) {
        let body = CanvasErrorBody(body: response.body)
        let classified: Kind
        switch response.status {
        case 401 where response.headers.contains("WWW-Authenticate"): classified = .unauthorized
        case 401, 403: classified = .forbidden
        case 404: classified = .notFound
        case 400, 409, 422: classified = .validation
        case 500...599: classified = .server
        default: classified = .unexpected
        }
        var message = body.message
        if (300..<400).contains(response.status) {
            // API requests follow no redirect: one usually means a wrong canvas url (a login
            // page, another host), and following it could carry the request off this Canvas.
            let target = response.headers["Location"].map { "'\(CanvasRequestLog.redactedLocation($0))'" } ?? "nowhere"
            message = "redirected to \(target); api requests follow no redirects (check the canvas url)"
        }
        self.init(
            kind: kind ?? classified, status: response.status, method: request.method.rawValue, path: request.path,
            message: message, details: body.details, errorReportID: body.errorReportID)
    }
}
