import CanvasSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A district-size state: 12,000 users, 2,000 courses, 4,000 sections, 60,000 enrollments.
@Suite struct DistrictTests {
    static func districtSeed() -> SimSeed {
        var seed = SimSeed()
        seed.accounts = (1...4).map { AccountSeed(name: "School \($0)", sisAccountId: "SCH\($0)") }
        seed.terms = [Fixtures.fall]
        for c in 0..<2000 {
            seed.courses.append(CourseSeed(
                name: "Course \(c)", sisCourseId: "C\(c)", account: .sis("SCH\(c % 4 + 1)"), term: "2026-FALL", workflowState: "available"))
            seed.sections.append(SectionSeed(name: "A", sisSectionId: "C\(c)-A", course: .sis("C\(c)")))
            seed.sections.append(SectionSeed(name: "B", sisSectionId: "C\(c)-B", course: .sis("C\(c)")))
        }
        for u in 0..<12000 {
            seed.users.append(UserSeed(name: "User \(u) Person", sisUserId: "U\(u)", login: "u\(u)", email: "u\(u)@district.example"))
        }
        // 10,000 students in 5 courses each; 2,000 teachers in 5 courses each.
        for u in 0..<10000 {
            for k in 0..<5 {
                let c = (u * 5 + k * 397) % 2000
                seed.enrollments.append(EnrollmentSeed(user: .sis("U\(u)"), section: .sis("C\(c)-\(k % 2 == 0 ? "A" : "B")"), type: "student"))
            }
        }
        for t in 0..<2000 {
            for k in 0..<5 {
                seed.enrollments.append(EnrollmentSeed(user: .sis("U\(10000 + t)"), section: .sis("C\((t + k * 401) % 2000)-A"), type: "teacher"))
            }
        }
        return seed
    }

    @Test func districtSeedsFastAndListsFast() async throws {
        let seed = Self.districtSeed()
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = SimOptions()
        options.dataDirectory = dir
        let (seedTime, requests, elapsed, rate, walkTime) = try await withServer(options) { server in
            let seedStart = ContinuousClock.now
            let summary = try server.loadSeed(seed)
            let seedTime = ContinuousClock.now - seedStart
            #expect(summary.users == 12000)
            #expect(summary.enrollments == 60000)
            #expect(server.snapshot().enrollments.count == 60000)

            // Paged enrollment listings over one keep-alive connection, for a bounded time.
            let port = server.port
            let (requests, elapsed) = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                var headers = HTTPFields()
                headers[.authorization] = "Bearer sim-token"
                var n = 0
                let start = ContinuousClock.now
                while ContinuousClock.now - start < .seconds(2) {
                    let course = n % 2000 + 1
                    let r = try await client.execute(.init(
                        "/api/v1/courses/\(course)/enrollments?per_page=10&state[]=active", method: .get,
                        authority: "127.0.0.1:\(port)", headers: headers))
                    #expect(r.status == .ok)
                    n += 1
                }
                return (n, ContinuousClock.now - start)
            }
            let rate = Double(requests) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)

            // Walk every page of the biggest listing: all 12,000 account users at 100 a page.
            let walkStart = ContinuousClock.now
            var url: String? = "/api/v1/accounts/1/users?per_page=100"
            var users = 0
            while let next = url {
                let r = try await SimClient(server).get(next)
                users += r.array.count
                url = r.links["next"]
            }
            let walkTime = ContinuousClock.now - walkStart
            #expect(users == 12000)
            return (seedTime, requests, elapsed, rate, walkTime)
        }

        let restartStart = ContinuousClock.now
        let restartTime = try await withServer(options) { again in
            let restartTime = ContinuousClock.now - restartStart
            #expect(again.snapshot().enrollments.count == 60000)
            return restartTime
        }

        print("""
            district: seeded 12000 users, 2000 courses, 4000 sections, 60000 enrollments (journaled) in \(seedTime)
            district: \(requests) paged enrollment listings in \(elapsed) = \(Int(rate)) requests/s (one connection, no latency)
            district: walked 12000 account users in 120 pages in \(walkTime)
            district: restart (journal replay) in \(restartTime)
            """)
    }
}
