import CanvasSim
import EaselCore
import Synchronization
import Testing

/// A generated school and the same school already in Canvas (a seed), so a read of it can
/// be counted and the plan checked to be empty.
enum SmallDistrict {
    static func userId(_ i: Int) -> String { "U\(1000 + i)" }
    static func courseId(_ i: Int) -> String { "2026F-C\(100 + i)" }

    static func config(courses: Int, users: Int) -> String {
        var text = """
            version: 1
            terms:
              - {id: 2026-FALL, name: Fall 2026, start: 2026-09-01, end: 2027-01-31}
            users:

            """
        for u in 0..<users {
            text += "  - {id: \(userId(u)), name: User \(u), login: user\(u), email: user\(u)@school.example}\n"
        }
        text += "courses:\n"
        for c in 0..<courses {
            let students = (0..<3).map { userId((c * 3 + $0) % users) }
            text += """
                  - id: \(courseId(c))
                    name: Course \(c)
                    code: C\(c)
                    term: 2026-FALL
                    published: true
                    sections: [{id: \(courseId(c))-S1, name: Section 1}]
                    teachers: [\(userId((c + 7) % users))]
                    enrollments:
                \(students.map { "      - {user: \($0), role: student, section: \(courseId(c))-S1}" }.joined(separator: "\n"))

                """
        }
        return text
    }

    static func seed(courses: Int, users: Int) -> SimSeed {
        var seed = SimSeed(terms: [TermSeed(
            name: "Fall 2026", sisTermId: "2026-FALL", startAt: Timestamp(iso8601: "2026-09-01"),
            endAt: Timestamp(iso8601: "2027-01-31"))])
        for u in 0..<users {
            seed.users.append(UserSeed(
                name: "User \(u)", sisUserId: userId(u), login: "user\(u)", email: "user\(u)@school.example"))
        }
        for c in 0..<courses {
            let id = courseId(c)
            seed.courses.append(CourseSeed(
                name: "Course \(c)", courseCode: "C\(c)", sisCourseId: id, term: "2026-FALL", workflowState: "available"))
            seed.sections.append(SectionSeed(name: "Section 1", sisSectionId: "\(id)-S1", course: .sis(id)))
            seed.enrollments.append(EnrollmentSeed(user: .sis(userId((c + 7) % users)), course: .sis(id), type: "teacher"))
            for s in 0..<3 {
                seed.enrollments.append(EnrollmentSeed(
                    user: .sis(userId((c * 3 + s) % users)), section: .sis("\(id)-S1"), type: "student"))
            }
        }
        return seed
    }
}

@Suite(.serialized) struct ReadCostTests {
    /// Requests per route for one read of the district's scope.
    func readCost(courses: Int, users: Int, userListingThreshold: Int = 100) async throws -> RequestStats {
        let text = SmallDistrict.config(courses: courses, users: users)
        var stats = RequestStats()
        try await EndToEnd.run(seed: SmallDistrict.seed(courses: courses, users: users)) { e2e in
            let reader = e2e.reader(userListingThreshold: userListingThreshold)
            let plan = try await e2e.plan(text, reader: reader)
            #expect(plan.operations.isEmpty, "a read of the seeded district plans \(EndToEnd.lines(plan).prefix(5))")
            e2e.sim.resetRequestStats()
            let (_, config) = try EndToEnd.config(text)
            let reports = Reports()
            var counted = reader
            counted.progress = { reports.add($0) }
            let live = try await counted.read(Planner.scope(of: config))
            #expect(live.courses.count == courses)
            #expect(live.users.count == users)
            stats = e2e.sim.requestStats
            let last = try #require(reports.all.last)
            #expect(last.phase == .done)
            #expect(last.requests == stats.total)
            #expect(last.rostersRead == courses && last.rostersTotal == courses)
            #expect(last.objectsRead >= courses * 6 + users)
        }
        return stats
    }

    @Test func aReadScalesWithCoursesAndListsUsersInPages() async throws {
        let fifty = try await readCost(courses: 50, users: 150)
        let twentyFive = try await readCost(courses: 25, users: 150)
        print("read of 50 courses, 150 users: \(fifty.total) requests \(fifty.byRoute.sorted { $0.key < $1.key })")
        print("read of 25 courses, 150 users: \(twentyFive.total) requests")

        // Two requests per course (sections, enrollments), none per user.
        #expect(fifty.count("GET /api/v1/courses/:course_id/sections") == 50)
        #expect(fifty.count("GET /api/v1/courses/:course_id/enrollments") == 50)
        #expect(fifty.count("GET /api/v1/users/:id") == 0)
        #expect(fifty.count("GET /api/v1/accounts/:account_id/users") == 2)
        // One course listing for the term; no course fetched one by one.
        #expect(fifty.count("GET /api/v1/accounts/:account_id/courses") == 1)
        #expect(fifty.count("GET /api/v1/courses/:id") == 0)
        // Account, sub-accounts, terms, roles: one each.
        #expect(fifty.total == 50 * 2 + 1 + 2 + 4)
        #expect(fifty.total - twentyFive.total == 25 * 2)
    }

    @Test func fewUsersAreReadOneByOne() async throws {
        let stats = try await readCost(courses: 5, users: 20)
        #expect(stats.count("GET /api/v1/users/:id") == 20)
        #expect(stats.count("GET /api/v1/accounts/:account_id/users") == 0)
        #expect(stats.total == 5 * 2 + 20 + 1 + 4)
    }

    /// Past the threshold the listing wins even for a handful of users.
    @Test func theThresholdChoosesTheListing() async throws {
        let stats = try await readCost(courses: 5, users: 20, userListingThreshold: 10)
        #expect(stats.count("GET /api/v1/users/:id") == 0)
        #expect(stats.count("GET /api/v1/accounts/:account_id/users") == 1)
    }
}

/// Progress reports, collected from the reader's callback.
final class Reports: Sendable {
    private let reports = Mutex<[ReadProgress]>([])
    func add(_ report: ReadProgress) { reports.withLock { $0.append(report) } }
    var all: [ReadProgress] { reports.withLock { $0 } }
}
