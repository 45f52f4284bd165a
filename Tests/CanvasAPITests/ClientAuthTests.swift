@testable import CanvasAPI
import EaselHTTP
import Foundation
import Testing

@Suite("Tokens, auth failures and what gets logged")
struct ClientAuthTests {
    static let secret = "sekret-token-do-not-print-31337"

    @Test func badTokenFailsFastWithAPlainMessage() async throws {
        try await withTestServer(MiniCanvas().routes) { base in
            try await withClient(base, token: Self.secret) { client in
                let error = await #expect(throws: CanvasError.self) { try await client.account() }
                #expect(error?.kind == .unauthorized)
                #expect(error?.status == 401)
                #expect(error?.description.contains("invalid or expired") == true)
                #expect(error?.description.contains("Invalid access token.") == true)
                #expect(client.metrics.requestsSent == 1, "never retried")
            }
        }
    }

    @Test func permissionFailureIsForbiddenAndNotRetried() async throws {
        try await withTestServer(MiniCanvas().routes) { base in
            try await withClient(base) { client in
                let error = await #expect(throws: CanvasError.self) { try await client.send(.get, "/api/v1/forbidden") }
                #expect(error?.kind == .forbidden)
                #expect(error?.message == "user not authorized to perform that action")
                #expect(client.metrics.requestsSent == 1)
            }
        }
    }

    @Test func theTokenNeverAppearsInLogsOrErrors() async throws {
        let sink = LogSink()
        var texts: [String] = []
        let token = try CanvasToken(Self.secret)
        texts += ["\(token)", String(reflecting: token), String(describing: [token])]
        var dumped = ""
        dump(token, to: &dumped)
        texts.append(dumped)
        let errors = try await withTestServer(MiniCanvas().routes) { base in
            var errors: [String] = []
            try await withClient(base, token: Self.secret, configuration: fastConfiguration(log: sink.closure)) { client in
                for call in [{ _ = try await client.account() },
                             { _ = try await client.send(.get, "/api/v1/forbidden") },
                             { _ = try await client.list("/api/v1/items", query: ["access_token": Self.secret], of: ClientPagingTests.Item.self) },
                             { _ = try await client.get("/api/v1/flaky/1", as: [String: String].self) },
                             { _ = try await client.course(.sis(.course, "missing")) }]
                {
                    do { try await call() } catch { errors.append("\(error)"); errors.append(String(reflecting: error)) }
                }
            }
            return errors
        }
        texts += errors + sink.entries.map(\.description) + sink.entries.map(\.path)
        #expect(errors.count >= 6)
        #expect(sink.entries.count >= 5)
        #expect(sink.entries.contains { $0.path.hasPrefix("/api/v1/items") })
        for text in texts { #expect(!text.contains(Self.secret), "token leaked into: \(text)") }
    }

    @Test(arguments: [
        ("http://school.instructure.com", false), ("http://10.0.0.5:3000", false), ("http://127.0.0.2:8080", true),
        ("http://localhost:3000", true), ("http://[::1]:8080", true), ("https://school.instructure.com", true),
        ("ftp://school.instructure.com", false), ("https://user:pw@school.example", false),
    ])
    func plainHTTPOnlyToLoopback(url: String, accepted: Bool) throws {
        let transport = StubTransport()
        let make = { try CanvasClient(baseURL: url, token: try CanvasToken("t"), transport: transport) }
        if accepted {
            #expect(throws: Never.self) { try make() }
        } else {
            #expect(throws: CanvasConfigurationError.self) { try make() }
        }
    }

    @Test func refusalMessageNamesTheHost() {
        #expect(throws: CanvasConfigurationError.insecureURL(host: "school.example")) {
            try CanvasBaseURL("http://school.example/")
        }
        #expect(CanvasConfigurationError.insecureURL(host: "school.example").description.hasPrefix("refusing plain http to 'school.example'"))
    }

    @Test func tokenLoading() throws {
        #expect(try CanvasToken.fromEnvironment(["CANVAS_TOKEN": "  abc123\n"]) == CanvasToken("abc123"))
        #expect(throws: CanvasTokenError.missing) { try CanvasToken.fromEnvironment([:]) }
        #expect(throws: CanvasTokenError.empty(source: "CANVAS_TOKEN")) { try CanvasToken.fromEnvironment(["CANVAS_TOKEN": " \n"]) }
        #expect(throws: CanvasTokenError.malformed(source: "CANVAS_TOKEN")) {
            try CanvasToken.fromEnvironment(["CANVAS_TOKEN": "abc\r\nX-Injected: 1"])
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("easel-token-\(UUID().uuidString)").path
        try "\n  filetoken42 \n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CanvasToken.load(tokenFile: path, environment: ["CANVAS_TOKEN": "env"]) == CanvasToken("filetoken42"))
        #expect(try CanvasToken.load(tokenFile: nil, environment: ["CANVAS_TOKEN": "env"]) == CanvasToken("env"))
        let missing = #expect(throws: CanvasTokenError.self) { try CanvasToken.fromFile("/nonexistent/easel-token") }
        #expect(missing?.description.hasPrefix("cannot read token file '/nonexistent/easel-token'") == true)
    }
}

/// A transport that is never called.
struct StubTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { HTTPResponse(status: 500) }
}
