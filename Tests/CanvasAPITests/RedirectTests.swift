@testable import CanvasAPI
import EaselHTTP
import Foundation
import Hummingbird
import Testing

/// Redirect handling that only ever touches loopback.
@Suite("Redirects on loopback")
struct RedirectTests {
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .found, headers: headers)
    }

    @Test func anAPIRedirectIsAnErrorSayingWhereItPointedAndIsNotFollowed() async throws {
        let followed = Counter()
        try await withTestServer({ router in
            router.get("api/v1/accounts/self") { request, _ -> Response in
                Self.redirect(to: "http://127.0.0.1:\(request.head.authority?.split(separator: ":").last ?? "0")/login?token=secret")
            }
            router.get("login") { _, _ -> Response in
                _ = followed.increment()
                return Response(status: .ok)
            }
        }) { base in
            try await withClient(base) { client in
                let error = await #expect(throws: CanvasError.self) { _ = try await client.account() }
                #expect(error?.status == 302)
                #expect(error?.kind == .unexpected)
                let port = base.split(separator: ":").last.map(String.init) ?? ""
                #expect(error?.message == "redirected to 'http://127.0.0.1:\(port)/login'; api requests follow no redirects (check the canvas url)")
                #expect(error?.description.contains("secret") == false)
            }
        }
        #expect(followed.value == 0)
    }

    /// Canvas hands a file to its file store with a redirect: the store gets no token, the
    /// hop on Canvas's own origin does.
    @Test func aDownloadFollowsItsRedirectWithTheTokenOnlyOnThisCanvas() async throws {
        let authorizations = Locked<[String: String]>([:])
        try await withTestServer({ router in
            router.get("files/1/download") { request, _ -> Response in
                authorizations.withLock { $0["first"] = request.headers[.authorization] ?? "none" }
                return Self.redirect(to: "/files/1/stored?verifier=v")
            }
            router.get("files/1/stored") { request, _ -> Response in
                authorizations.withLock { $0["same origin"] = request.headers[.authorization] ?? "none" }
                let port = request.head.authority?.split(separator: ":").last ?? "0"
                // Another origin: same port, another host name for loopback.
                return Self.redirect(to: "http://localhost:\(port)/store/1?signature=s")
            }
            router.get("store/1") { request, _ -> Response in
                authorizations.withLock { $0["file store"] = request.headers[.authorization] ?? "none" }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "report bytes")))
            }
        }) { base in
            try await withClient(base) { client in
                let bytes = try await client.download("\(base)/files/1/download")
                #expect(String(decoding: bytes, as: UTF8.self) == "report bytes")
            }
        }
        let seen = authorizations.withLock { $0 }
        #expect(seen["first"] == "Bearer \(MiniCanvas.goodToken)")
        #expect(seen["same origin"] == "Bearer \(MiniCanvas.goodToken)")
        #expect(seen["file store"] == "none")
    }

    @Test func aDownloadStopsAfterFiveRedirects() async throws {
        try await withTestServer({ router in
            router.get("files/:n/download") { request, context -> Response in
                let n = Int(context.parameters.get("n") ?? "0") ?? 0
                return Self.redirect(to: "/files/\(n + 1)/download")
            }
        }) { base in
            try await withClient(base) { client in
                let error = await #expect(throws: CanvasError.self) { _ = try await client.download("\(base)/files/1/download") }
                #expect(error?.message == "more than 5 redirects")
            }
        }
    }

    @Test(arguments: [
        ("https://files.example/x", true), ("http://127.0.0.2:9/x", true), ("http://[::1]:9/x", true),
        ("http://192.0.2.1:9/x", false), ("ftp://127.0.0.1/x", false), ("http://localhost.evil.example/x", false),
    ])
    func whereADownloadMayBeRedirected(_ location: String, _ allowed: Bool) {
        let request = CanvasRequest(method: .get, url: "http://127.0.0.1:8/files/1/download", body: nil)
        let target = try? CanvasClient.redirectTarget(location, from: request.url, request: request)
        #expect((target != nil) == allowed, "\(location)")
    }
}
