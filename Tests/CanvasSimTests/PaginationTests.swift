import CanvasSim
import Foundation
import Testing

@Suite struct PaginationTests {
    @Test func enrollmentsWalkOnlyByFollowingBookmarks() async throws {
        var seed = Fixtures.school(students: 25)
        seed.enrollments += (1...25).map { EnrollmentSeed(user: .sis("S\($0)"), section: "MATH101-P1", type: "student") }
        try await withSim(seed: seed) { _, client in
            var url: String? = "/api/v1/courses/sis_course_id:MATH101/enrollments?type[]=StudentEnrollment&per_page=10"
            var ids: [Int] = []
            var pages = 0
            while let next = url {
                let r = try await client.get(next)
                #expect(r.status == 200)
                #expect(r.links["last"] == nil, "bookmarked collections have no rel=last")
                #expect(r.header("Link")?.contains(",<") ?? false, "rels are joined by ',' with no space")
                ids += r.array.compactMap { $0.int("id") }
                if let n = r.links["next"] {
                    #expect(n.contains("page=bookmark:"))
                    #expect(n.contains("type[]=StudentEnrollment") || n.contains("type%5B%5D=StudentEnrollment"))
                    #expect(n.hasPrefix("http://127.0.0.1:"))
                }
                url = r.links["next"]
                pages += 1
            }
            #expect(pages == 3)
            #expect(ids.count == 25)
            #expect(Set(ids).count == 25)
        }
    }

    @Test func defaultPageSizeIsTenAndPerPageClampsToHundred() async throws {
        var seed = SimSeed()
        seed.courses = (1...120).map { CourseSeed(name: "Course \($0)", sisCourseId: "C\($0)") }
        try await withSim(seed: seed) { _, client in
            let first = try await client.get("/api/v1/accounts/1/courses")
            #expect(first.array.count == 10)
            #expect(first.links["last"] == nil, "account course lists omit rel=last")
            #expect(first.links["next"]?.contains("page=2&per_page=10") == true)
            let big = try await client.get("/api/v1/accounts/1/courses?per_page=500")
            #expect(big.array.count == 100)
            #expect(big.links["next"]?.hasSuffix("page=2&per_page=100") == true)
            let tiny = try await client.get("/api/v1/accounts/1/courses?per_page=0")
            #expect(tiny.array.count == 10)
        }
    }

    @Test func termsAreWrappedAndOrdinalWithLast() async throws {
        var seed = SimSeed()
        seed.terms = (1...12).map { TermSeed(name: "T\($0)", sisTermId: "T\($0)", startAt: Timestamp(seconds: Int64($0) * 86400)) }
        try await withSim(seed: seed) { _, client in
            let r = try await client.get("/api/v1/accounts/1/terms?per_page=5")
            let terms = r.object["enrollment_terms"] as? [[String: Any]] ?? []
            #expect(terms.count == 5)
            // start_at DESC with nulls first: the Default Term leads.
            #expect(terms.first?.string("name") == "Default Term")
            #expect(terms[1].string("name") == "T12")
            #expect(r.links["last"]?.contains("page=3&per_page=5") == true)
            let beyond = try await client.get("/api/v1/accounts/1/terms?page=9&per_page=5")
            #expect(beyond.status == 200)
            #expect((beyond.object["enrollment_terms"] as? [Any])?.isEmpty == true)
            let sub = try await client.get("/api/v1/accounts/sis_account_id:NOPE/terms")
            #expect(sub.status == 404)
        }
    }

    @Test func termsOnSubAccountAreRefused() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let r = try await client.get("/api/v1/accounts/sis_account_id:HS/terms")
            #expect(r.status == 400)
            #expect(r.object.string("message") == "Terms only belong to root_accounts.")
        }
    }

    @Test func sectionsOrderedByNameWithLast() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let r = try await client.get("/api/v1/courses/sis_course_id:MATH101/sections?per_page=1")
            #expect(r.array.first?.string("name") == "Period 1")
            #expect(r.links["last"]?.contains("page=2") == true)
        }
    }

    @Test func accountUsersAreBookmarkedAndSearchable() async throws {
        try await withSim(seed: Fixtures.school(students: 30)) { _, client in
            var url: String? = "/api/v1/accounts/1/users?per_page=7"
            var count = 0
            while let next = url {
                let r = try await client.get(next)
                #expect(r.links["last"] == nil)
                count += r.array.count
                url = r.links["next"]
            }
            #expect(count == 31)
            let short = try await client.get("/api/v1/accounts/1/users?search_term=ab")
            #expect(short.status == 400)
            #expect(short.object.string("message") == "search_term of 3 or more characters is required")
            let byEmail = try await client.get("/api/v1/accounts/1/users?search_term=t1@school")
            #expect(byEmail.array.map { $0.string("sis_user_id") } == ["T1"])
            let bySIS = try await client.get("/api/v1/accounts/1/users?search_term=S17")
            #expect(bySIS.array.compactMap { $0.string("sis_user_id") }.contains("S17"))
        }
    }
}
