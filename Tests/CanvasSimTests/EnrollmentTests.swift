import CanvasSim
import Foundation
import Testing

@Suite struct EnrollmentTests {
    let path = "/api/v1/courses/sis_course_id:MATH101/enrollments"

    func enroll(_ client: SimClient, _ user: String, _ extra: [(String, String)] = []) async throws -> HTTPResult {
        try await client.post(path, [("enrollment[user_id]", "sis_user_id:\(user)")] + extra)
    }

    @Test func rePostReusesTheRowAndLeavesAnActiveStateAlone() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let first = try await enroll(client, "S1", [("enrollment[enrollment_state]", "active"), ("enrollment[start_at]", "2026-09-01T00:00:00Z")])
            #expect(first.status == 200)
            let again = try await enroll(client, "S1", [("enrollment[enrollment_state]", "inactive")])
            #expect(again.object.int("id") == first.object.int("id"))
            #expect(again.object.string("enrollment_state") == "active")
            #expect(again.object["start_at"] is NSNull, "a re-POST clears attributes it does not send")
            // Another section is another enrollment.
            let other = try await enroll(client, "S1", [("enrollment[course_section_id]", "sis_section_id:MATH101-P2")])
            #expect(other.object.int("id") != first.object.int("id"))
        }
    }

    @Test func concludedAndDeletedRowsAreRevivedInPlace() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let e = try await enroll(client, "S1", [("enrollment[enrollment_state]", "active")])
            let id = e.object.int("id")!
            let concluded = try await client.delete("\(path)/\(id)")
            #expect(concluded.object.string("enrollment_state") == "completed", "no task concludes")
            let revived = try await enroll(client, "S1", [("enrollment[enrollment_state]", "active")])
            #expect(revived.object.int("id") == id)
            #expect(revived.object.string("enrollment_state") == "active")
            let deleted = try await client.delete("\(path)/\(id)?task=delete")
            #expect(deleted.object.string("enrollment_state") == "deleted")
            let back = try await enroll(client, "S1")
            #expect(back.object.int("id") == id)
            #expect(back.object.string("enrollment_state") == "invited")
        }
    }

    @Test func inactivateAndReactivate() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let id = try await enroll(client, "S1", [("enrollment[enrollment_state]", "active")]).object.int("id")!
            let notInactive = try await client.put("\(path)/\(id)/reactivate")
            #expect(notInactive.status == 400)
            #expect(notInactive.object.string("error") == "enrollment not inactive")
            let inactive = try await client.delete("\(path)/\(id)?task=deactivate")
            #expect(inactive.object.string("enrollment_state") == "inactive")
            let active = try await client.put("\(path)/\(id)/reactivate")
            #expect(active.object.string("enrollment_state") == "active")
        }
    }

    @Test func defaultStatesDependOnPublicationAndRole() async throws {
        try await withSim(seed: Fixtures.school(courseState: "unpublished")) { _, client in
            try #expect(await enroll(client, "S1").object.string("enrollment_state") == "creation_pending")
            try #expect(await enroll(client, "S2", [("enrollment[enrollment_state]", "invited")]).object.string("enrollment_state") == "creation_pending")
            let teacher = try await enroll(client, "S3", [("enrollment[type]", "TeacherEnrollment")])
            #expect(teacher.object.string("enrollment_state") == "invited")
            #expect(teacher.object.string("role") == "TeacherEnrollment")
            // Default list states for an admin: active, invited, creation_pending, inactive.
            let listed = try await client.get("\(path)?per_page=100")
            #expect(listed.array.count == 4)
            let pending = try await client.get("\(path)?state[]=creation_pending")
            #expect(pending.array.count == 2)
            // An unknown state filters everything out (`enrollments_api_controller.rb`).
            let bogus = try await client.get("\(path)?state[]=bogus")
            #expect(bogus.status == 200)
            #expect(bogus.array.isEmpty)
        }
    }

    @Test func defaultSectionIsCreatedLazilyAndNamedLikeTheCourse() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            let e = try await enroll(client, "S1")
            let section = try await client.get("/api/v1/sections/\(e.object.int("course_section_id")!)")
            #expect(section.object.string("name") == "Algebra I")
            #expect(server.snapshot().sections.filter(\.defaultSection).count == 1)
            _ = try await enroll(client, "S2")
            #expect(server.snapshot().sections.filter(\.defaultSection).count == 1)
        }
    }

    @Test func concludedCourseGuard() async throws {
        try await withSim(seed: Fixtures.school()) { server, client in
            // Past the term's end: soft-concluded.
            server.setClock(Timestamp(iso8601: "2099-02-01T00:00:00Z"))
            let late = try await enroll(client, "S1")
            #expect(late.status == 400)
            #expect(late.object.string("message") == "Can't add an enrollment to a concluded course.")
            server.setClock(nil)
            try #expect(await enroll(client, "S1").status == 200)
            _ = try await client.put("/api/v1/courses/sis_course_id:MATH101", [("course[event]", "conclude")])
            try #expect(await enroll(client, "S2").status == 400)
            _ = try await client.delete("/api/v1/courses/sis_course_id:MATH101?event=delete")
            try #expect(await enroll(client, "S2").status == 404)
        }
    }

    @Test func customRolesAndValidation() async throws {
        var seed = Fixtures.school()
        seed.roles = [RoleSeed(label: "Grader", baseRoleType: "ta")]
        try await withSim(seed: seed) { _, client in
            let roles = try await client.get("/api/v1/accounts/1/roles?per_page=100")
            let grader = roles.array.first { $0.string("label") == "Grader" }
            #expect(grader?.string("base_role_type") == "TaEnrollment")
            #expect(roles.array.filter { $0.string("workflow_state") == "built_in" }.count == 6)
            let rid = grader!.int("id")!
            let e = try await enroll(client, "S1", [("enrollment[role_id]", "\(rid)")])
            #expect(e.object.string("type") == "TaEnrollment")
            #expect(e.object.string("role") == "Grader")
            #expect(e.object.int("role_id") == rid)
            let mismatch = try await enroll(client, "S1", [("enrollment[role_id]", "\(rid)"), ("enrollment[type]", "StudentEnrollment")])
            #expect(mismatch.object.string("message") == "The specified type must match the base type for the role")
            try #expect(await enroll(client, "S1", [("enrollment[type]", "Bogus")]).object.string("message") == "Invalid type")
            try #expect(await enroll(client, "NOBODY").status == 404)
            let none = try await client.post(path, [("x", "y")])
            #expect(none.object.string("message") == "No parameters given")
            let created = try await client.post("/api/v1/accounts/1/roles", [("label", "Aide"), ("base_role_type", "StudentEnrollment")])
            #expect(created.object.string("workflow_state") == "active")
            let byRole = try await client.get("\(path)?role[]=Grader")
            #expect(byRole.array.count == 1)
        }
    }

    @Test func sectionAndUserScopedListings() async throws {
        var seed = Fixtures.school()
        seed.enrollments += [
            EnrollmentSeed(user: "S1", section: "MATH101-P2"),
            EnrollmentSeed(user: "S2", section: "MATH101-P2", state: "completed"),
            EnrollmentSeed(user: "S1", section: "MATH101-P1", state: "deleted"),
        ]
        try await withSim(seed: seed) { _, client in
            let section = try await client.get("/api/v1/sections/sis_section_id:MATH101-P2/enrollments")
            #expect(section.array.compactMap { $0.string("sis_user_id") } == ["S1"])
            let user = try await client.get("/api/v1/users/sis_user_id:S1/enrollments?state[]=active&state[]=deleted")
            #expect(user.array.count == 2)
            #expect((user.array.first?["user"] as? [String: Any])?.string("login_id") == "s1")
            let post = try await client.post("/api/v1/sections/sis_section_id:MATH101-P2/enrollments", [
                ("enrollment[user_id]", "sis_user_id:S3"), ("enrollment[course_section_id]", "sis_section_id:MATH101-P1"),
            ])
            #expect(post.object.string("sis_section_id") == "MATH101-P2", "the section path wins over course_section_id")
        }
    }
}
