import CanvasSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct PersistenceTests {
    static func tempDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-sim-\(UUID().uuidString)")
        return dir.path
    }

    @Test func stateSurvivesARestart() async throws {
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = SimOptions()
        options.dataDirectory = dir
        options.seed = Fixtures.school()

        let before = try await withServer(options) { first in
            let client = SimClient(first)
            _ = try await client.post("/api/v1/courses/sis_course_id:MATH101/enrollments", [("enrollment[user_id]", "sis_user_id:S1")])
            _ = try await client.put("/api/v1/courses/sis_course_id:MATH101", [("course[name]", "Algebra One")])
            _ = try await client.delete("/api/v1/courses/sis_course_id:MATH101/enrollments/1?task=delete")
            return first.snapshot()
        }

        try await withServer(options) { second in
            let after = second.snapshot()
            #expect(after == before)
            // Sequences continue past persisted ids.
            let created = try await SimClient(second).post("/api/v1/accounts/1/courses", [("course[name]", "Next")])
            #expect(created.object.int("id") == 2)
        }

        let lines = try String(contentsOfFile: dir + "/canvas-sim.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 10)
    }

    @Test func aTornLastLineIsIgnored() async throws {
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = SimOptions()
        options.dataDirectory = dir
        options.seed = Fixtures.school(students: 1200)
        let before = try await withServer(options) { $0.snapshot() }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/canvas-sim.jsonl"))
        try handle.seekToEnd()
        handle.write(Data(#"{"kind":"user","value":{"id":99"#.utf8))
        try handle.close()
        let after = try await withServer(options) { second in
            #expect(second.snapshot() == before)
            // The next write must land on a clean line.
            _ = try await SimClient(second).post("/api/v1/accounts/1/courses", [("course[name]", "After")])
            return second.snapshot()
        }
        try await withServer(options) { third in #expect(third.snapshot() == after) }
    }

    @Test func harnessSeedResetAndState() async throws {
        try await withSim { _, client in
            let seed = try Fixtures.school().encoded()
            let loaded = try await client.send("POST", "/__sim/seed?mode=replace", body: seed, contentType: "application/json")
            #expect(loaded.object.int("users") == 4)
            let merged = try await client.postJSON("/__sim/seed?mode=merge", #"{"users":[{"name":"New One","sis_user_id":"N1","login":"n1"}]}"#)
            #expect(merged.object.int("users") == 1)
            let bad = try await client.postJSON("/__sim/seed?mode=merge", #"{"enrollments":[{"user":"NOPE","course":"MATH101"}]}"#)
            #expect(bad.status == 400)
            #expect(bad.text.contains("unknown user 'NOPE'"))
            let state = try await client.get("/__sim/state")
            #expect((state.object["users"] as? [Any])?.count == 5)
            _ = try await client.post("/__sim/reset")
            let empty = try await client.get("/__sim/state")
            #expect((empty.object["users"] as? [Any])?.count == 0)
            #expect((empty.object["terms"] as? [[String: Any]])?.first?.string("name") == "Default Term")
        }
    }
}

@Suite struct LifecycleTests {
    /// Shutdown ends while a client still holds an idle keep-alive connection open. Waiting
    /// for the client would never end, so 30 s only tells a hang from a loaded machine.
    @Test func shutdownDoesNotWaitForIdleKeepAliveConnections() async throws {
        let server = try await SimServer.start(SimOptions())
        let client = TestClient(host: "127.0.0.1", port: server.port)
        client.connect()
        var headers = HTTPFields()
        headers[.authorization] = "Bearer sim-token"
        // No `try` between start and shutdown: a failed request is a failed expectation.
        let r = try? await client.execute(.init("/api/v1/accounts/1", method: .get, authority: "127.0.0.1", headers: headers))
        #expect(r?.status == .ok)
        let endedWithTheConnectionOpen = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await server.shutdown()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return false
            }
            let first = await group.next()!
            group.cancelAll()
            // Closing the connection lets a shutdown that waits for it end, so the test does not hang.
            if !first { try? await client.shutdown() }
            await group.waitForAll()
            return first
        }
        #expect(endedWithTheConnectionOpen, "shutdown waited for the idle keep-alive connection")
        try? await client.shutdown()
    }

    @Test func startFailsCleanlyOnABusyPort() async throws {
        try await withServer(SimOptions()) { first in
            var options = SimOptions()
            options.port = first.port
            await #expect(throws: (any Error).self) { _ = try await SimServer.start(options) }
        }
    }
}
