import CanvasSim
import Foundation
import Testing

@Suite struct ProtocolTests {
    @Test func missingAndBadTokens() async throws {
        try await withSim(seed: Fixtures.school()) { server, _ in
            let none = try await SimClient(server, token: nil).get("/api/v1/accounts/1")
            #expect(none.status == 401)
            #expect(none.object.string("status") == "unauthenticated")
            #expect(none.text == #"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#)
            let bad = try await SimClient(server, token: "wrong").get("/api/v1/accounts/1")
            #expect(bad.status == 401)
            #expect(bad.text == #"{"errors":[{"message":"Invalid access token."}]}"#)
            #expect(bad.header("WWW-Authenticate") == #"Bearer realm="canvas-lms""#)
            let param = try await SimClient(server, token: nil).get("/api/v1/accounts/1?access_token=sim-token")
            #expect(param.status == 200)
        }
    }

    @Test func seededTokensHaveASelfUser() async throws {
        var seed = Fixtures.school()
        seed.tokens = [TokenSeed(token: "admin-token", user: "T1")]
        try await withSim(seed: seed) { server, _ in
            let me = try await SimClient(server, token: "admin-token").get("/api/v1/users/self")
            #expect(me.object.string("sis_user_id") == "T1")
        }
    }

    @Test func stringIdsOnRequest() async throws {
        try await withSim(seed: Fixtures.school()) { server, _ in
            var client = SimClient(server)
            client.accept = "application/json+canvas-string-ids"
            let course = try await client.get("/api/v1/courses/sis_course_id:MATH101")
            #expect(course.object["id"] as? String == "1")
            #expect(course.object["account_id"] as? String == "2")
            #expect(course.object["enrollment_term_id"] as? String == "2")
            #expect(course.object["sis_course_id"] as? String == "MATH101")
        }
    }

    @Test func unknownRoutesAndJSONBodies() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let missing = try await client.get("/api/v1/nothing/here")
            #expect(missing.status == 404)
            #expect(missing.text == #"{"errors":[{"message":"The specified resource does not exist."}]}"#)
            let json = try await client.postJSON("/api/v1/accounts/1/courses", #"{"course":{"name":"JSON Course","restrict_enrollments_to_course_dates":true,"start_at":"2026-09-01"},"offer":true}"#)
            #expect(json.object.string("name") == "JSON Course")
            #expect(json.object.string("start_at") == "2026-09-01T00:00:00Z")
            #expect(json.object.string("workflow_state") == "available")
        }
    }

    @Test func userCreateErrorsUseShapeD() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let created = try await client.post("/api/v1/accounts/self/users", [
                ("user[name]", "Jane Doe"), ("pseudonym[unique_id]", "jdoe@school.example"), ("pseudonym[sis_user_id]", "S9001"),
                ("user[skip_registration]", "true"), ("communication_channel[skip_confirmation]", "true"),
            ])
            #expect(created.status == 200)
            #expect(created.object.string("sortable_name") == "Doe, Jane")
            #expect(created.object.string("login_id") == "jdoe@school.example")
            let dup = try await client.post("/api/v1/accounts/1/users", [("user[name]", "Other"), ("pseudonym[unique_id]", "JDOE@school.example")])
            #expect(dup.status == 400)
            #expect(dup.text == #"{"errors":{"user":{"pseudonyms":[{"attribute":"pseudonyms","message":"is invalid","type":"invalid"}]},"pseudonym":{"unique_id":[{"attribute":"unique_id","message":"ID already in use for this account and authentication provider","type":"taken"}]},"observee":{},"pairing_code":{},"recaptcha":null}}"#)
            let dupSIS = try await client.post("/api/v1/accounts/1/users", [("pseudonym[unique_id]", "other"), ("pseudonym[sis_user_id]", "S1")])
            #expect(dupSIS.text.contains(#"SIS ID \"S1\" is already in use"#))
            let shown = try await client.get("/api/v1/users/sis_user_id:S9001")
            #expect(shown.object.string("email") == "jdoe@school.example")
            let renamed = try await client.put("/api/v1/users/sis_user_id:S9001", [("user[name]", "Jane Roe"), ("user[email]", "jroe@school.example")])
            #expect(renamed.object.string("sortable_name") == "Roe, Jane")
            #expect(renamed.object.string("email") == "jroe@school.example")
            let logins = try await client.get("/api/v1/users/sis_user_id:S9001/logins")
            let lid = logins.array.first!.int("id")!
            let none = try await client.put("/api/v1/accounts/1/logins/\(lid)", [("login[nonsense]", "1")])
            #expect(none.status == 400)
            #expect(none.text == "null")
            let moved = try await client.put("/api/v1/accounts/1/logins/\(lid)", [("login[sis_user_id]", "S9002")])
            #expect(moved.object.string("sis_user_id") == "S9002")
        }
    }

    @Test func requestCountsPerRouteTemplate() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            _ = try await client.get("/api/v1/courses/1")
            _ = try await client.get("/api/v1/courses/sis_course_id:MATH101")
            _ = try await client.get("/api/v1/nowhere")
            let stats = server.requestStats
            #expect(stats.count("GET /api/v1/courses/:id") == 2)
            #expect(stats.unmatched == 1)
            #expect(stats.total == 3)
            let harness = try await client.get("/__sim/requests")
            #expect((harness.object["by_route"] as? [String: Int])?["GET /api/v1/courses/:id"] == 2)
        }
    }
}
