import CanvasSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// One HTTP answer, with the body decoded as JSON when it is JSON.
struct HTTPResult: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// The Link header's rels → URLs.
    var links: [String: String] {
        guard let link = header("Link") else { return [:] }
        var out: [String: String] = [:]
        for part in link.split(separator: ",") {
            let pieces = part.split(separator: ";")
            guard pieces.count == 2 else { continue }
            let url = pieces[0].trimmingCharacters(in: .whitespaces).dropFirst().dropLast()
            let rel = pieces[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "rel=", with: "")
                .replacingOccurrences(of: "\"", with: "")
            out[rel] = String(url)
        }
        return out
    }
}

/// A test client for a running simulator: a fresh connection per request (so a dropped
/// connection affects one request only), Bearer auth by default.
struct SimClient: Sendable {
    let server: SimServer
    var token: String? = "sim-token"
    var accept: String? = nil

    init(_ server: SimServer, token: String? = "sim-token") {
        self.server = server
        self.token = token
    }

    func get(_ path: String) async throws -> HTTPResult { try await send("GET", path) }

    func post(_ path: String, _ form: [(String, String)] = []) async throws -> HTTPResult { try await send("POST", path, form: form) }

    func put(_ path: String, _ form: [(String, String)] = []) async throws -> HTTPResult { try await send("PUT", path, form: form) }

    func delete(_ path: String) async throws -> HTTPResult { try await send("DELETE", path) }

    func postJSON(_ path: String, _ json: String) async throws -> HTTPResult {
        try await send("POST", path, body: Data(json.utf8), contentType: "application/json")
    }

    /// `path` may be absolute (a Link URL) or start with `/`.
    func send(_ method: String, _ path: String, form: [(String, String)] = [], body: Data? = nil, contentType: String? = nil)
        async throws -> HTTPResult
    {
        var target = path
        if let range = target.range(of: "127.0.0.1:\(server.port)") { target = String(target[range.upperBound...]) }
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let accept { headers[.accept] = accept }
        var payload = body
        if payload == nil && !form.isEmpty {
            payload = Data(form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
            headers[.contentType] = "application/x-www-form-urlencoded"
        } else if let contentType {
            headers[.contentType] = contentType
        }
        let request = TestClient.Request(
            target, method: HTTPRequest.Method(method)!, authority: "127.0.0.1:\(server.port)", headers: headers,
            body: payload.map { ByteBuffer(bytes: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            try await client.execute(request)
        }
        return HTTPResult(
            status: Int(response.status.code), headers: response.headers,
            body: response.body.map { Data(buffer: $0) } ?? Data())
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~[]")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Starts an in-memory simulator, runs `body`, and always shuts it down.
func withSim<T>(
    seed: SimSeed? = nil, configure: (inout SimOptions) -> Void = { _ in },
    _ body: (SimServer, SimClient) async throws -> T
) async throws -> T {
    var options = SimOptions()
    options.seed = seed
    options.faultSeed = 42
    configure(&options)
    return try await withServer(options) { server in try await body(server, SimClient(server)) }
}

/// Starts a simulator with exactly `options`, runs `body`, and shuts it down before
/// returning, also when `body` throws.
func withServer<T>(_ options: SimOptions, _ body: (SimServer) async throws -> T) async throws -> T {
    let server = try await SimServer.start(options)
    let result: Result<T, any Error>
    do {
        result = .success(try await body(server))
    } catch {
        result = .failure(error)
    }
    await server.shutdown()
    return try result.get()
}

extension Dictionary where Key == String, Value == Any {
    func int(_ key: String) -> Int? { self[key] as? Int }
    func string(_ key: String) -> String? { self[key] as? String }
}
