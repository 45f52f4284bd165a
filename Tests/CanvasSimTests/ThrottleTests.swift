import CanvasSim
import Foundation
import Testing

@Suite struct ThrottleTests {
    @Test func sequentialClientIsNeverThrottledAtDefaultCost() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            for _ in 0..<150 {
                let r = try await client.get("/api/v1/courses/1")
                #expect(r.status == 200)
                #expect(r.header("X-Request-Cost") != nil)
                #expect(Double(r.header("X-Rate-Limit-Remaining") ?? "") ?? 0 > 540)
            }
            #expect(server.requestStats.throttled == 0)
        }
    }

    static func hammer(_ server: SimServer, workers: Int, requests: Int) async throws -> [HTTPResult] {
        try await withThrowingTaskGroup(of: [HTTPResult].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var out: [HTTPResult] = []
                    for _ in 0..<requests { out.append(try await SimClient(server).get("/api/v1/courses/1")) }
                    return out
                }
            }
            var all: [HTTPResult] = []
            for try await batch in group { all += batch }
            return all
        }
    }

    @Test func parallelClientsWithAHighCostAreThrottledWith429ByDefault() async throws {
        try await withSim(seed: Fixtures.school()) { server, _ in
            server.updateConfig { $0.throttle.costPerRequest = 60 }
            let results = try await Self.hammer(server, workers: 8, requests: 15)
            let throttled = results.filter { $0.status == 429 }
            #expect(!throttled.isEmpty)
            #expect(results.contains { $0.status == 200 })
            #expect(results.allSatisfy { $0.status == 200 || $0.status == 429 })
            for r in throttled {
                #expect(r.text == "429 Too Many Requests (Rate Limit Exceeded)\n")
                #expect(r.header("Content-Type")?.hasPrefix("text/plain") == true)
                // What the bucket holds once the refused request's reservation is given back: less
                // than one up-front cost (50), and below zero when slow requests overfilled it.
                let remaining = try #require(Double(r.header("X-Rate-Limit-Remaining") ?? ""))
                #expect(remaining <= 50, "\(remaining)")
                #expect(r.header("X-Request-Cost") == nil)
                #expect(r.header("Retry-After") == nil)
            }
            #expect(server.requestStats.throttled == throttled.count)
        }
    }

    @Test func throttleCanAnswer403AsOlderCanvasDoes() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            let changed = try await client.postJSON("/__sim/config", #"{"throttle":{"status":403,"cost_per_request":200}}"#)
            #expect((changed.object["throttle"] as? [String: Any])?.int("status") == 403)
            let results = try await Self.hammer(server, workers: 4, requests: 5)
            let throttled = results.filter { $0.status == 403 }
            #expect(!throttled.isEmpty)
            #expect(throttled.allSatisfy { $0.text == "403 Forbidden (Rate Limit Exceeded)\n" })
        }
    }

    @Test func aBareThrottleIsA429WithoutCanvasWordsOrHeadersAndCanSayRetryAfter() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            let changed = try await client.postJSON(
                "/__sim/config", #"{"throttle":{"status":403,"bare":true,"retry_after_seconds":3,"cost_per_request":200}}"#)
            let throttle = changed.object["throttle"] as? [String: Any]
            #expect(throttle?["bare"] as? Bool == true)
            #expect(throttle?.int("retry_after_seconds") == 3)
            let results = try await Self.hammer(server, workers: 4, requests: 5)
            let throttled = results.filter { $0.status != 200 }
            #expect(!throttled.isEmpty)
            for r in throttled {
                #expect(r.status == 429, "bare is always 429, whatever the status setting")
                #expect(!r.text.localizedCaseInsensitiveContains("rate limit exceeded"))
                #expect(r.header("X-Rate-Limit-Remaining") == nil)
                #expect(r.header("Retry-After") == "3")
            }
            #expect(server.requestStats.throttled == throttled.count)
        }
    }
}
