@testable import CanvasAPI
import EaselHTTP
import Foundation
import Hummingbird
import Testing

/// Runs `InsideIsolatedNetwork` again in a network namespace of its own (`unshare --net`,
/// loopback up, nothing else), so a redirect to an address off loopback that the client
/// wrongly followed could reach no other machine: it would fail as "network unreachable".
///
/// The namespace needs CAP_SYS_ADMIN (the test runs as root). The test is skipped only when
/// `unshare` exists and the kernel refuses it; a missing `unshare` fails it.
@Suite("Redirects off loopback, in an isolated network")
struct IsolatedNetworkTests {
    static let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let kernelRefuses: Bool = {
        guard let unshare else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: unshare)
        probe.arguments = ["--net", "true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus != 0
    }()

    @Test(.enabled(if: !kernelRefuses, "the kernel refuses unshare --net here"))
    func redirectTestsPassInAnIsolatedNetwork() async throws {
        let unshare = try #require(Self.unshare, "unshare (util-linux) is needed for this test")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-netns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A folder: each inner test writes a file of its own there (concurrent appends to one
        // file could interleave).
        let marker = directory.appendingPathComponent("ran").path
        let output = directory.appendingPathComponent("output").path
        try FileManager.default.createDirectory(atPath: marker, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: output, contents: nil))

        let runner = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unshare)
        process.arguments = [
            "--net", "sh", "-c", #"ip link set lo up && exec "$0" "$@""#,
            runner, "--testing-library", "swift-testing", "--filter", "InsideIsolatedNetwork",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment[InsideIsolatedNetwork.markerVariable] = marker
        environment[InsideIsolatedNetwork.outerNamespaceVariable] = try InsideIsolatedNetwork.namespace()
        process.environment = environment
        let log = try #require(FileHandle(forWritingAtPath: output))
        process.standardOutput = log
        process.standardError = log
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try log.close()
        let transcript = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(transcript.suffix(3000))")
        let ran = Set(try FileManager.default.contentsOfDirectory(atPath: marker))
        #expect(ran == InsideIsolatedNetwork.tests, "\(transcript.suffix(3000))")
    }
}

/// Where an isolated run records the tests that ran (set by `IsolatedNetworkTests`).
let netnsMarkerVariable = "EASEL_TEST_NETNS_MARKER"

/// Runs only inside the namespace `IsolatedNetworkTests` sets up; each test first checks it
/// is not in the namespace of the process that started it, and records that it ran.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[netnsMarkerVariable] != nil))
struct InsideIsolatedNetwork {
    static let markerVariable = netnsMarkerVariable
    static let outerNamespaceVariable = "EASEL_TEST_NETNS_OUTER"
    static let tests: Set<String> = ["api redirect", "download redirect", "transport"]
    /// TEST-NET-1 (RFC 5737): documentation only, and unroutable in the namespace anyway.
    static let offLoopback = "http://192.0.2.1:9/"

    static func namespace() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
    }

    /// Fails the test (and the caller must return) unless this process is isolated.
    static func isolated(_ test: String) throws -> Bool {
        let outer = ProcessInfo.processInfo.environment[outerNamespaceVariable]
        guard let outer, try namespace() != outer else {
            Issue.record("not in a network namespace of its own; refusing to run")
            return false
        }
        let marker = try #require(ProcessInfo.processInfo.environment[markerVariable])
        #expect(FileManager.default.createFile(atPath: marker + "/" + test, contents: nil))
        return true
    }

    static func routes(_ router: Router<TestContext>) {
        router.get("api/v1/accounts/self") { _, _ -> Response in RedirectTests.redirect(to: offLoopback) }
        router.get("files/1/download") { _, _ -> Response in RedirectTests.redirect(to: offLoopback + "report.zip?sig=secret") }
    }

    @Test func anAPIRedirectOffLoopbackIsNotFollowed() async throws {
        guard try Self.isolated("api redirect") else { return }
        try await withTestServer(Self.routes) { base in
            try await withClient(base) { client in
                let error = await #expect(throws: CanvasError.self) { _ = try await client.account() }
                #expect(error?.kind == .unexpected, "a followed redirect would be a transport failure: \(String(describing: error))")
                #expect(error?.message.contains("redirected to '\(Self.offLoopback)'") == true)
            }
        }
    }

    @Test func aDownloadRedirectToPlainHTTPOffLoopbackIsRefused() async throws {
        guard try Self.isolated("download redirect") else { return }
        try await withTestServer(Self.routes) { base in
            try await withClient(base) { client in
                let error = await #expect(throws: CanvasError.self) { _ = try await client.download("\(base)/files/1/download") }
                #expect(error?.kind == .unexpected, "\(String(describing: error))")
                #expect(error?.message == "refusing the redirect to '\(Self.offLoopback)report.zip': plain http off loopback")
            }
        }
    }

    /// The transport follows nothing by default, and even when asked to, never plain http.
    @Test func theTransportNeverFollowsToPlainHTTP() async throws {
        guard try Self.isolated("transport") else { return }
        try await withTestServer(Self.routes) { base in
            let plain = try CurlTransport()
            let response = try await plain.send(HTTPRequest(method: .get, url: "\(base)/api/v1/accounts/self"))
            #expect(response.status == 302)
            #expect(response.headers["Location"] == Self.offLoopback)
            await plain.shutdown()

            var configuration = CurlTransport.Configuration()
            configuration.maxRedirects = 5
            let following = try CurlTransport(configuration: configuration)
            let error = await #expect(throws: HTTPTransportError.self) {
                _ = try await following.send(HTTPRequest(method: .get, url: "\(base)/api/v1/accounts/self"))
            }
            #expect(error?.kind == .invalidRequest, "refused by protocol, not tried: \(String(describing: error))")
            await following.shutdown()
        }
    }
}
