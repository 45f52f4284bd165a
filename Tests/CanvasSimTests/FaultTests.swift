import CanvasSim
import Foundation
import Testing

@Suite struct FaultTests {
    @Test func faultsHappenBeforeTheWork() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            server.updateConfig { $0.faultRate = 1 }
            var statuses = Set<Int>()
            for i in 0..<12 {
                let r = try await client.post("/api/v1/accounts/1/courses", [("course[name]", "F\(i)"), ("course[sis_course_id]", "F\(i)")])
                statuses.insert(r.status)
                if r.status == 500 {
                    #expect(r.object["error_report_id"] is Int)
                    #expect(r.text.contains("internal_server_error"))
                }
            }
            #expect(statuses.isSubset(of: [500, 502, 503]))
            #expect(statuses.count > 1)
            #expect(server.snapshot().courses.count == 1, "nothing was created")
            #expect(server.requestStats.faultsInjected == 12)
        }
    }

    @Test func aDroppedResponseLeavesTheObjectCreated() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            server.updateConfig { $0.dropRate = 1 }
            await #expect(throws: (any Error).self) {
                _ = try await client.post("/api/v1/accounts/1/courses", [("course[name]", "Lost"), ("course[sis_course_id]", "LOST-1")])
            }
            // Reads are never dropped, and the create happened.
            let found = try await client.get("/api/v1/courses/sis_course_id:LOST-1")
            #expect(found.status == 200)
            #expect(server.requestStats.drops == 1)
            server.updateConfig { $0.dropRate = 0 }
            let again = try await client.post("/api/v1/accounts/1/courses", [("course[name]", "Lost"), ("course[sis_course_id]", "LOST-1")])
            #expect(again.status == 400, "the naive retry runs into the taken SIS id")
        }
    }

    @Test func latencyIsAppliedOutsideTheLock() async throws {
        try await withSim(seed: Fixtures.school()) { server, _ in
            server.updateConfig { $0.latencyMs = 300 }
            _ = try await ThrottleTests.hammer(server, workers: 8, requests: 1)
            // Eight parallel requests all sleep out their latency at once: nothing serialises them.
            #expect(server.requestStats.peakWaiting == 8)
            #expect(server.requestStats.waiting == 0)
        }
    }
}
