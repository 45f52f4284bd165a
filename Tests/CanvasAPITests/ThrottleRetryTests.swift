@testable import CanvasAPI
import EaselHTTP
import Foundation
import Hummingbird
import Testing

@Suite("Throttle signals, Retry-After and visible retries")
struct ThrottleRetryTests {
    static func signal(_ status: Int, _ body: String, _ headers: HTTPHeaders = [:]) -> RateLimitSignal {
        RateLimitSignal(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func every429IsThrottlingAndA403OnlyWithCanvasWords() {
        #expect(Self.signal(429, "Too Many Requests").throttled)
        #expect(Self.signal(429, "<html><h1>429 Too Many Requests</h1></html>", ["Content-Type": "text/html"]).throttled)
        #expect(Self.signal(429, "").throttled)
        #expect(Self.signal(403, "403 Forbidden (Rate Limit Exceeded)\n").throttled)
        // Remaining is no sign of throttling: a permission 403 in plain text stays a 403.
        #expect(!Self.signal(403, "", ["Content-Type": "text/plain", "X-Rate-Limit-Remaining": "0.0"]).throttled)
        #expect(!Self.signal(403, #"{"status":"unauthorized"}"#).throttled)
        #expect(!Self.signal(503, "Rate Limit Exceeded").throttled)
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-03-01T12:00:00Z"))
        #expect(RateLimitSignal.retryAfter("7", now: now) == .seconds(7))
        #expect(RateLimitSignal.retryAfter(" 0 ", now: now) == .zero)
        #expect(RateLimitSignal.retryAfter("Sun, 01 Mar 2026 12:00:30 GMT", now: now) == .seconds(30))
        #expect(RateLimitSignal.retryAfter("Sunday, 01-Mar-26 12:00:30 GMT", now: now) == .seconds(30))
        #expect(RateLimitSignal.retryAfter("Sun Mar  1 12:00:30 2026", now: now) == .seconds(30))
        #expect(RateLimitSignal.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now: now) == .zero, "a past date means now")
        #expect(RateLimitSignal.retryAfter("soon", now: now) == nil)
        #expect(RateLimitSignal.retryAfter("-5", now: now) == .zero)
        let response = HTTPResponse(status: 429, headers: ["Retry-After": "Sun, 01 Mar 2026 12:00:02 GMT"])
        #expect(RateLimitSignal(response, now: now).retryAfter == .seconds(2))
        // Only a throttled response's Retry-After counts.
        #expect(RateLimitSignal(HTTPResponse(status: 503, headers: ["Retry-After": "5"]), now: now).retryAfter == nil)
    }

    @Test func retryAfterIsClampedBetweenTheFloorAndTheCap() {
        let policy = RetryPolicy()
        #expect(policy.throttleDelay(attempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.throttleDelay(attempt: 1, retryAfter: .seconds(86_400)) == policy.maxRetryAfter)
        #expect(policy.throttleDelay(attempt: 1, retryAfter: .zero) == policy.minRetryAfter)
        #expect(policy.throttleDelay(attempt: 1, retryAfter: nil) <= policy.throttleBaseDelay)
    }

    /// Collects what the client reports through `onRetry`.
    final class Retries: Sendable {
        private let list = Locked<[CanvasRetry]>([])
        var all: [CanvasRetry] { list.withLock { $0 } }
        var closure: @Sendable (CanvasRetry) -> Void { { [list] retry in list.withLock { $0.append(retry) } } }
    }

    static func configuration(_ retries: Retries) -> CanvasClient.Configuration {
        var configuration = fastConfiguration()
        configuration.onRetry = retries.closure
        return configuration
    }

    @Test func bare429sAreWaitedOutHonouringRetryAfter() async throws {
        let hits = Counter()
        try await withTestServer({ router in
            router.get("api/v1/accounts/self") { _, _ -> Response in
                switch hits.increment() {
                case 1:
                    // A load balancer's 429: no Canvas phrase, no rate-limit headers.
                    return Response(status: .tooManyRequests, body: .init(byteBuffer: ByteBuffer(string: "Too Many Requests")))
                case 2:
                    var headers = HTTPFields()
                    headers[.retryAfter] = "1"
                    return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "slow down")))
                default:
                    var headers = HTTPFields()
                    headers[.contentType] = "application/json"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"id":"1","name":"Root","parent_account_id":null,"workflow_state":"active"}"#)))
                }
            }
        }) { base in
            let retries = Retries()
            try await withClient(base, configuration: Self.configuration(retries)) { client in
                let account = try await client.account()
                #expect(account.id == "1")
                #expect(client.metrics.throttledResponses == 2)
            }
            #expect(hits.value == 3)
            let seen = retries.all
            #expect(seen.map(\.reason) == [.throttled, .throttled])
            #expect(seen.map(\.problem) == ["rate limited (429)", "rate limited (429)"])
            #expect(seen.map(\.attempt) == [2, 3])
            #expect(seen.last?.delay == .seconds(1), "Retry-After: 1 was honoured")
            #expect(seen.first.map { $0.delay < .seconds(1) } == true, "no Retry-After: the (fast) throttle back-off")
        }
    }

    @Test func aRefusedConnectionIsRetriedVisiblyAndTheErrorCountsTheAttempts() async throws {
        let retries = Retries()
        let error = try await withClient("http://127.0.0.1:1", configuration: Self.configuration(retries)) { client in
            await #expect(throws: CanvasError.self) { _ = try await client.account() }
        }
        let seen = retries.all
        #expect(seen.map(\.attempt) == [2, 3, 4, 5, 6])
        #expect(seen.allSatisfy { $0.maxAttempts == 6 && $0.reason == .failed && $0.method == "GET" })
        #expect(seen.allSatisfy { $0.problem.hasPrefix("connection failed: ") })
        let first = try #require(seen.first)
        #expect(first.description.hasPrefix("retrying GET /api/v1/accounts/self in "))
        #expect(first.description.contains(" (attempt 2 of 6): connection failed: "))
        let thrown = try #require(error)
        #expect(thrown.attempts == 6)
        #expect(thrown.description.hasPrefix("GET /api/v1/accounts/self failed after 6 attempts: connection failed: "))
    }

    @Test func serverErrorsNameTheirAttemptsToo() async throws {
        try await withTestServer({ router in
            router.get("api/v1/accounts/self") { _, _ -> Response in
                Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "<html>503</html>")))
            }
        }) { base in
            let retries = Retries()
            try await withClient(base, configuration: Self.configuration(retries)) { client in
                let error = await #expect(throws: CanvasError.self) { _ = try await client.account() }
                #expect(error?.attempts == 6)
                #expect(error?.description.hasPrefix("GET /api/v1/accounts/self failed (503) after 6 attempts") == true)
            }
            #expect(retries.all.map(\.problem) == Array(repeating: "status 503", count: 5))
        }
    }

    @Test func aFailureWithoutRetryKeepsItsPlainMessage() {
        let error = CanvasError(kind: .transport, status: nil, method: "POST", path: "/x", message: "connection dropped: gone")
        #expect(error.description == "POST /x: connection dropped: gone")
    }

    @Test(arguments: [
        (Duration.milliseconds(400), "0.4 s"), (.seconds(2), "2 s"), (.milliseconds(1_440), "1.4 s"), (.milliseconds(12_600), "13 s"),
    ])
    func retryDelaysReadNaturally(_ delay: Duration, _ text: String) {
        #expect(CanvasRetry.seconds(delay) == text)
    }
}
