import CanvasSim
import Foundation
import Testing

@Suite struct SISLookupTests {
    static var seed: SimSeed {
        var seed = Fixtures.school()
        seed.courses.append(CourseSeed(name: "Computing", sisCourseId: "CS/101.11é", term: "2026-FALL"))
        seed.users.append(UserSeed(name: "Dot User", sisUserId: "a.b/c", login: "Dot.User@School.example"))
        return seed
    }

    @Test(arguments: [
        "sis_course_id:CS%2F101%2E11%C3%A9",
        "sis_course_id:CS%2F101.11%C3%A9",
        "hex:sis_course_id:43532f3130312e3131c3a9",
        "sis_course_id:%20CS%2F101%2E11%C3%A9%20",
    ])
    func courseBySISIdWithDotsAndSlashes(_ id: String) async throws {
        try await withSim(seed: Self.seed) { _, client in
            let r = try await client.get("/api/v1/courses/\(id)")
            #expect(r.status == 200)
            #expect(r.object.string("sis_course_id") == "CS/101.11é")
        }
    }

    @Test func usersByLoginCaseInsensitiveAndBySISId() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let byLogin = try await client.get("/api/v1/users/sis_login_id:dot.user%40school.EXAMPLE")
            #expect(byLogin.status == 200)
            #expect(byLogin.object.string("sis_user_id") == "a.b/c")
            let bySIS = try await client.get("/api/v1/users/sis_user_id:a%2Eb%2Fc")
            #expect(bySIS.object.string("login_id") == "Dot.User@School.example")
        }
    }

    @Test func bareDigitsAreCanvasIdsAndUnknownPrefixesAre404() async throws {
        var seed = Self.seed
        seed.courses.append(CourseSeed(name: "Numeric", sisCourseId: "12345"))
        try await withSim(seed: seed) { _, client in
            try #expect(await client.get("/api/v1/courses/12345").status == 404)
            try #expect(await client.get("/api/v1/courses/sis_course_id:12345").status == 200)
            try #expect(await client.get("/api/v1/courses/sis_bogus_id:1").status == 404)
            try #expect(await client.get("/api/v1/sections/sis_section_id:MATH101-P2").object.string("name") == "Period 2")
            try #expect(await client.get("/api/v1/accounts/sis_account_id:HS").object.string("name") == "High School")
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:2026-FALL").object.string("name") == "Fall 2026")
        }
    }

    @Test func sisIdsInParams() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let r = try await client.post("/api/v1/courses/sis_course_id:MATH101/enrollments", [
                ("enrollment[user_id]", "sis_user_id:S1"), ("enrollment[course_section_id]", "sis_section_id:MATH101-P2"),
                ("enrollment[enrollment_state]", "active"),
            ])
            #expect(r.status == 200)
            #expect(r.object.string("sis_section_id") == "MATH101-P2")
            #expect(r.object.string("sis_user_id") == "S1")
        }
    }
}
