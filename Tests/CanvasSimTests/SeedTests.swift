import CanvasSim
import Foundation
import Testing

@Suite struct SeedTests {
    /// The documented JSON form, every kind of object, references by SIS id and by Canvas id.
    static let json = """
        {
          "root_account_name": "Springfield District",
          "accounts": [{"name": "High School", "sis_account_id": "HS"}],
          "authentication_providers": [{"auth_type": "saml"}],
          "terms": [{"name": "Fall 2026", "sis_term_id": "2026-FALL", "start_at": "2026-09-01", "end_at": "2027-01-31",
                     "overrides": {"StudentEnrollment": {"start_at": "2026-09-01", "end_at": "2027-01-15"}}}],
          "roles": [{"label": "Grader", "base_role_type": "ta"}],
          "courses": [{"name": "Algebra I", "sis_course_id": "MATH101", "account": "HS", "term": "2026-FALL",
                       "workflow_state": "published", "restrict_enrollments_to_course_dates": false}],
          "sections": [{"name": "Period 1", "sis_section_id": "MATH101-P1", "course": "MATH101"}],
          "users": [
            {"name": "Jane Doe", "sis_user_id": "S1", "login": "jdoe", "email": "jdoe@school.example", "authentication_provider": "saml"},
            {"name": "Pat Parent", "sis_user_id": "P1", "login": "pparent",
             "logins": [{"unique_id": "pat@home.example", "sis_user_id": "P1-ALT"}]}
          ],
          "enrollments": [
            {"user": "S1", "section": "MATH101-P1", "type": "student", "state": "active"},
            {"user": "P1", "course": 1, "type": "observer", "associated_user": "S1", "state": "invited"},
            {"user": "S1", "course": "MATH101", "role": "Grader", "state": "completed"}
          ],
          "tokens": ["extra-token", {"token": "jane-token", "user": "S1"}]
        }
        """

    @Test func documentedJSONFormLoads() async throws {
        let seed = try SimSeed.decode(Data(Self.json.utf8))
        #expect(seed.terms.first?.overrides?["StudentEnrollment"]?.endAt == Timestamp(iso8601: "2027-01-15"))
        try await withSim(seed: seed) { server, client in
            let state = server.snapshot()
            #expect(state.accounts.first?.name == "Springfield District")
            #expect(state.enrollments.count == 3)
            #expect(state.logins.count == 3)
            #expect(state.courses.first?.workflowState == "available")
            let jane = try await SimClient(server, token: "jane-token").get("/api/v1/users/self/logins")
            #expect(jane.array.first?.string("authentication_provider_type") == "saml")
            let observer = try await client.get("/api/v1/courses/1/enrollments?type[]=ObserverEnrollment")
            #expect(observer.array.first?.int("associated_user_id") == state.users.first { $0.name == "Jane Doe" }?.id)
            let term = try await client.get("/api/v1/accounts/1/terms/sis_term_id:2026-FALL")
            let overrides = term.object["overrides"] as? [String: [String: Any]]
            #expect(overrides?["StudentEnrollment"]?.string("end_at") == "2027-01-15T00:00:00Z")
            // Round trip through the encoder.
            let roundTrip = try SimSeed.decode(seed.encoded())
            #expect(roundTrip == seed)
        }
    }

    @Test func termOverrideEndConcludesThatTypeOnly() async throws {
        let seed = try SimSeed.decode(Data(Self.json.utf8))
        try await withSim(seed: seed) { server, client in
            server.setClock(Timestamp(iso8601: "2027-01-20T00:00:00Z"))
            let student = try await client.post("/api/v1/courses/1/enrollments", [("enrollment[user_id]", "sis_user_id:P1")])
            #expect(student.status == 400)
            let teacher = try await client.post("/api/v1/courses/1/enrollments", [
                ("enrollment[user_id]", "sis_user_id:P1"), ("enrollment[type]", "TeacherEnrollment"),
            ])
            #expect(teacher.status == 200)
        }
    }
}

@Suite struct FormatTests {
    @Test(arguments: [
        ("2026-09-01", "2026-09-01T00:00:00Z"),
        ("2026-09-01T08:05:09Z", "2026-09-01T08:05:09Z"),
        ("2026-09-01T08:05:09.123-06:00", "2026-09-01T14:05:09Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2000-02-29T12:00+0130", "2000-02-29T10:30:00Z"),
    ])
    func timestampsRoundTrip(_ input: String, _ expected: String) {
        #expect(Timestamp(iso8601: input)?.iso8601 == expected)
    }

    @Test func timestampsRejectGarbage() {
        #expect(Timestamp(iso8601: "tomorrow") == nil)
        #expect(Timestamp(iso8601: "2026-13-01") == nil)
    }
}
