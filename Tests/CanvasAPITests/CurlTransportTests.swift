import EaselHTTP
import Foundation
import Hummingbird
import Testing

@Suite("CurlTransport over loopback HTTP")
struct CurlTransportTests {
    static let gzipped: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56, 0xca, 0x48, 0xcd, 0xc9, 0xc9, 0x57,
        0xb2, 0x52, 0x4a, 0xaf, 0xca, 0x2c, 0x50, 0xaa, 0x05, 0x00, 0xf6, 0x4f, 0x05, 0x6f, 0x10, 0x00, 0x00, 0x00,
    ]

    static func routes(
        _ router: Router<TestContext>, hits: Counter = Counter(), ports: Locked<[Int]> = Locked([]), gate: Gate = Gate()
    ) {
        router.get("gzip") { request, _ -> Response in
            guard request.headers[.acceptEncoding]?.contains("gzip") == true else { return Response(status: .notAcceptable) }
            var headers = HTTPFields()
            headers[.contentEncoding] = "gzip"
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Self.gzipped)))
        }
        router.on("port", method: .get) { _, context -> String in
            ports.withLock { $0.append(context.remotePort) }
            return "ok"
        }
        router.on("port", method: .post) { _, context -> String in
            ports.withLock { $0.append(context.remotePort) }
            return "ok"
        }
        router.get("echo") { request, _ -> Response in
            let query = request.uri.query ?? ""
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: query)))
        }
        router.post("echo") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.init("X-Seen-Auth")!] = request.headers[.authorization] ?? ""
            headers[.init("x-METHOD")!] = request.method.rawValue
            return Response(status: .created, headers: headers, body: .init(byteBuffer: body))
        }
        router.get("slow") { request, _ -> String in
            let ms = Int(request.uri.queryParameters["ms"] ?? "1000") ?? 1000
            try await Task.sleep(for: .milliseconds(ms))
            return "slow done"
        }
        router.get("held") { _, _ -> String in
            await gate.pass()
            return "held done"
        }
        router.on("drop", method: .get) { _, context -> String in
            _ = hits.increment()
            await context.dropConnection()
            throw ConnectionDropped()
        }
        router.on("drop", method: .post) { _, context -> String in
            _ = hits.increment()
            await context.dropConnection()
            throw ConnectionDropped()
        }
    }

    @Test func manyConcurrentRequestsEachGetTheirOwnAnswer() async throws {
        try await withTestServer({ Self.routes($0) }) { base in
            let transport = try CurlTransport()
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for i in 0..<300 {
                    group.addTask {
                        let response = try await transport.send(HTTPRequest(method: .get, url: "\(base)/echo?i=\(i)&ids[]=\(i)"))
                        #expect(response.status == 200)
                        return (i, response.bodyText)
                    }
                }
                var answers: [Int: String] = [:]
                for try await (i, text) in group { answers[i] = text }
                return answers
            }
            #expect(answers.count == 300)
            #expect(answers.allSatisfy { $0.value == "i=\($0.key)&ids[]=\($0.key)" })
            await transport.shutdown()
        }
    }

    @Test func postSendsBodyAndHeadersAndReadsHeadersCaseInsensitively() async throws {
        try await withTestServer({ Self.routes($0) }) { base in
            let transport = try CurlTransport()
            let payload = Array("course[name]=Algebra%20I&ids[]=2".utf8)
            let response = try await transport.send(
                HTTPRequest(
                    method: .post, url: "\(base)/echo",
                    headers: ["Authorization": "Bearer abc", "Content-Type": "application/x-www-form-urlencoded"],
                    body: payload))
            #expect(response.status == 201)
            #expect(response.body == payload)
            #expect(response.headers["x-seen-auth"] == "Bearer abc")
            #expect(response.headers["X-Method"] == "POST")
            #expect(response.headers["CONTENT-TYPE"] == "application/octet-stream")
            await transport.shutdown()
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        try await withTestServer({ Self.routes($0) }) { base in
            let transport = try CurlTransport()
            let response = try await transport.send(HTTPRequest(method: .get, url: "\(base)/gzip"))
            #expect(response.status == 200)
            #expect(response.bodyText == #"{"hello":"gzip"}"#)
            await transport.shutdown()
        }
    }

    /// GETs share one keep-alive connection; every POST gets a fresh one (see CurlTransfer).
    @Test func getsReuseTheConnectionAndPostsOpenFreshOnes() async throws {
        let ports = Locked<[Int]>([])
        try await withTestServer({ Self.routes($0, ports: ports) }) { base in
            let transport = try CurlTransport()
            for _ in 0..<10 { _ = try await transport.send(HTTPRequest(method: .get, url: "\(base)/port")) }
            let getPorts = Set(ports.withLock { $0 })
            #expect(getPorts.count == 1)
            for _ in 0..<5 { _ = try await transport.send(HTTPRequest(method: .post, url: "\(base)/port", body: [1])) }
            let postPorts = ports.withLock { Array($0.suffix(5)) }
            #expect(Set(postPorts).count == 5)
            #expect(getPorts.isDisjoint(with: postPorts))
            await transport.shutdown()
        }
    }

    /// A cancelled request resumes while the server still holds it: only the cancellation can
    /// have ended the wait.
    @Test func cancellationResumesPromptlyWithCancelled() async throws {
        let gate = Gate()
        try await withTestServer({ Self.routes($0, gate: gate) }) { base in
            defer { gate.open() }
            let transport = try CurlTransport()
            let task = Task { try await transport.send(HTTPRequest(method: .get, url: "\(base)/held")) }
            try await gate.waitForArrivals()
            task.cancel()
            let result = await task.result
            #expect(throws: HTTPTransportError.cancelled) { try result.get() }
            #expect(gate.answered == 0, "the server answered before the cancelled request resumed")

            // Cancelled before it starts: never reaches the loop.
            let early = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(HTTPRequest(method: .get, url: "\(base)/echo?x=1"))
            }
            await #expect(throws: HTTPTransportError.cancelled) { try await early.value }
            await transport.shutdown()
        }
    }

    /// The request times out while the server still holds it: the timeout ended the wait.
    @Test func timeoutSurfacesAsTimedOut() async throws {
        let gate = Gate()
        try await withTestServer({ Self.routes($0, gate: gate) }) { base in
            defer { gate.open() }
            let transport = try CurlTransport()
            let error = await #expect(throws: HTTPTransportError.self) {
                // Long enough for the request to reach a server on a loaded 2-core machine; the
                // server holds it for 30 s, so only the timeout can end the wait.
                try await transport.send(HTTPRequest(method: .get, url: "\(base)/held", timeout: .seconds(2)))
            }
            #expect(error?.kind == .timedOut)
            #expect(error?.requestSent == true)
            #expect(gate.arrived == 1)
            #expect(gate.answered == 0, "the server answered before the request timed out")
            await transport.shutdown()
        }
    }

    @Test func refusedConnectionIsConnectionFailedAndNotSent() async throws {
        let transport = try CurlTransport()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: .post, url: "http://127.0.0.1:1/nothing", body: [1]))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.requestSent == false)
        await transport.shutdown()
    }

    /// libcurl re-sends a request on its own when a reused connection dies before any
    /// response byte. The GET shows the hazard (two hits); the POST must reach the server once.
    @Test func droppedConnectionIsAnErrorAndAPostIsNeverResentByCurl() async throws {
        let hits = Counter()
        try await withTestServer({ Self.routes($0, hits: hits) }) { base in
            let transport = try CurlTransport()
            _ = try await transport.send(HTTPRequest(method: .get, url: "\(base)/echo?warm=1"))
            let postError = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(HTTPRequest(method: .post, url: "\(base)/drop", body: Array("x=1".utf8)))
            }
            #expect(postError?.kind == .connectionDropped)
            #expect(postError?.requestSent == true)
            #expect(hits.value == 1)

            _ = try await transport.send(HTTPRequest(method: .get, url: "\(base)/echo?warm=2"))
            let getError = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(HTTPRequest(method: .get, url: "\(base)/drop"))
            }
            #expect(getError?.kind == .connectionDropped)
            #expect(hits.value == 3, "curl's own silent retry of the GET on a fresh connection")
            await transport.shutdown()
        }
    }

    @Test func shutdownFinishesInFlightWorkThenRefusesNewWork() async throws {
        try await withTestServer({ Self.routes($0) }) { base in
            let transport = try CurlTransport()
            let inFlight = Task { try await transport.send(HTTPRequest(method: .get, url: "\(base)/slow?ms=300")) }
            try await Task.sleep(for: .milliseconds(50))
            let stopping = ContinuousClock.now
            await transport.shutdown()
            // Shutdown waits for the 300 ms request, not for anything longer: a generous bound
            // that only catches a hang.
            #expect(ContinuousClock.now - stopping < .seconds(10))
            #expect(try await inFlight.value.bodyText == "slow done")
            let error = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(HTTPRequest(method: .get, url: "\(base)/echo"))
            }
            #expect(error?.kind == .shutdown)
            await transport.shutdown()
        }
    }

    /// Shutdown returns while the server still holds the in-flight request: it cancelled
    /// the request rather than waiting for it.
    @Test func shutdownCancellingInFlightWork() async throws {
        let gate = Gate()
        try await withTestServer({ Self.routes($0, gate: gate) }) { base in
            defer { gate.open() }
            let transport = try CurlTransport()
            let inFlight = Task { try await transport.send(HTTPRequest(method: .get, url: "\(base)/held")) }
            try await gate.waitForArrivals()
            await transport.shutdown(cancellingInFlight: true)
            #expect(gate.answered == 0, "shutdown waited for the server's answer")
            await #expect(throws: HTTPTransportError.cancelled) { try await inFlight.value }
        }
    }
}
