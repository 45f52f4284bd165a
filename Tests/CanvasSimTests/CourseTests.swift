import CanvasSim
import Foundation
import Testing

@Suite struct CourseTests {
    @Test func datesAreDroppedUnlessRestrictedInTheSameRequest() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let plain = try await client.post("/api/v1/accounts/1/courses", [
                ("course[name]", "Plain"), ("course[start_at]", "2026-09-01T00:00:00Z"), ("course[end_at]", "2027-01-31T00:00:00Z"),
            ])
            #expect(plain.status == 200)
            #expect(plain.object["start_at"] is NSNull)
            #expect(plain.object["end_at"] is NSNull)
            #expect(plain.object.string("workflow_state") == "unpublished")
            #expect(plain.object.string("course_code") == "Plain")
            let dated = try await client.post("/api/v1/accounts/sis_account_id:HS/courses", [
                ("course[name]", "Dated 101"), ("course[start_at]", "2026-09-01T00:00:00Z"), ("course[end_at]", "2027-01-31T00:00:00Z"),
                ("course[restrict_enrollments_to_course_dates]", "true"), ("course[term_id]", "sis_term_id:2026-FALL"), ("offer", "true"),
            ])
            #expect(dated.object.string("start_at") == "2026-09-01T00:00:00Z")
            #expect(dated.object.string("end_at") == "2027-01-31T00:00:00Z")
            #expect(dated.object.string("workflow_state") == "available")
            #expect(dated.object.string("course_code") == "Dated 101")
            let id = dated.object.int("id")!
            // Turning the restriction off wipes the end date (published: start stays).
            let off = try await client.put("/api/v1/courses/\(id)", [("course[restrict_enrollments_to_course_dates]", "false")])
            #expect(off.object["end_at"] is NSNull)
            #expect(off.object.string("start_at") == "2026-09-01T00:00:00Z")
        }
    }

    @Test func deletedCourse404sKeepsItsSISIdAndReactivates() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let created = try await client.post("/api/v1/accounts/1/courses", [("course[name]", "Gone"), ("course[sis_course_id]", "GONE-1"), ("offer", "true")])
            let id = created.object.int("id")!
            let bad = try await client.delete("/api/v1/courses/\(id)")
            #expect(bad.status == 400)
            #expect(bad.object.string("message") == "Only \"delete\" and \"conclude\" events are allowed.")
            let del = try await client.delete("/api/v1/courses/\(id)?event=delete")
            #expect(del.object["delete"] as? Bool == true)
            try #expect(await client.get("/api/v1/courses/sis_course_id:GONE-1").status == 404)
            let tomb = try await client.get("/api/v1/courses/\(id)?include[]=all_courses")
            #expect(tomb.object.string("workflow_state") == "deleted")
            let dup = try await client.post("/api/v1/accounts/1/courses", [("course[name]", "Again"), ("course[sis_course_id]", "GONE-1")])
            #expect(dup.status == 400)
            let errors = (dup.object["errors"] as? [String: Any])?["sis_source_id"] as? [[String: Any]]
            #expect(errors?.first?.string("message") == "SIS ID \"GONE-1\" is already in use")
            #expect(errors?.first?.string("type") == "taken")
            let revived = try await client.post("/api/v1/accounts/1/courses", [
                ("course[name]", "Again"), ("course[sis_course_id]", "GONE-1"), ("enable_sis_reactivation", "true"),
            ])
            #expect(revived.status == 200)
            #expect(revived.object.int("id") == id)
            #expect(revived.object.string("workflow_state") == "unpublished")
            #expect(revived.object.string("name") == "Again")
        }
    }

    @Test func eventsFollowTheStateMachine() async throws {
        var seed = Fixtures.school(students: 2, courseState: "unpublished")
        seed.enrollments += [EnrollmentSeed(user: "S1", course: "MATH101", state: "creation_pending"), EnrollmentSeed(user: "S2", course: "MATH101")]
        try await withSim(seed: seed) { server, client in
            let offered = try await client.put("/api/v1/courses/sis_course_id:MATH101", [("course[event]", "offer")])
            #expect(offered.object.string("workflow_state") == "available")
            // Publishing invites creation_pending students.
            let states = server.snapshot().enrollments.filter { $0.type == "StudentEnrollment" }.map(\.workflowState).sorted()
            #expect(states == ["active", "invited"])
            let concluded = try await client.delete("/api/v1/courses/sis_course_id:MATH101?event=conclude")
            #expect(concluded.object["conclude"] as? Bool == true)
            #expect(server.snapshot().enrollments.allSatisfy { $0.workflowState == "completed" })
            let reopened = try await client.put("/api/v1/courses/sis_course_id:MATH101", [("course[event]", "offer")])
            #expect(reopened.object.string("workflow_state") == "available")
            #expect(server.snapshot().enrollments.allSatisfy { $0.workflowState == "completed" }, "re-opening does not restore enrollments")
            _ = try await client.delete("/api/v1/courses/sis_course_id:MATH101?event=delete")
            #expect(server.snapshot().enrollments.allSatisfy { $0.workflowState == "deleted" })
            let undeleted = try await client.put("/api/v1/courses/sis_course_id:MATH101", [("course[event]", "undelete")])
            #expect(undeleted.object.string("workflow_state") == "unpublished")
            #expect(server.snapshot().enrollments.allSatisfy { $0.workflowState == "deleted" })
        }
    }

    @Test func accountListingFilters() async throws {
        var seed = Fixtures.school()
        seed.courses += [
            CourseSeed(name: "Old Physics", sisCourseId: "PHYS-OLD", term: "2026-FALL", workflowState: "completed"),
            CourseSeed(name: "Dead Chem", sisCourseId: "CHEM-X", workflowState: "deleted"),
        ]
        try await withSim(seed: seed) { _, client in
            let all = try await client.get("/api/v1/accounts/1/courses?per_page=50")
            #expect(Set(all.array.compactMap { $0.string("sis_course_id") }) == ["MATH101", "PHYS-OLD"])
            let term = try await client.get("/api/v1/accounts/1/courses?enrollment_term_id=sis_term_id:2026-FALL&state[]=completed&include[]=term")
            #expect(term.array.compactMap { $0.string("sis_course_id") } == ["PHYS-OLD"])
            #expect((term.array.first?["term"] as? [String: Any])?.string("name") == "Fall 2026")
            let deleted = try await client.get("/api/v1/accounts/1/courses?state[]=deleted")
            #expect(deleted.array.compactMap { $0.string("sis_course_id") } == ["CHEM-X"])
            let sub = try await client.get("/api/v1/accounts/sis_account_id:HS/courses")
            #expect(sub.array.compactMap { $0.string("sis_course_id") } == ["MATH101"])
            let search = try await client.get("/api/v1/accounts/1/courses?search_term=phys")
            #expect(search.array.compactMap { $0.string("sis_course_id") } == ["PHYS-OLD"])
        }
    }

    @Test func sectionDeleteRefusedWhileItHoldsEnrollments() async throws {
        var seed = Fixtures.school(students: 1)
        seed.enrollments.append(EnrollmentSeed(user: "S1", section: "MATH101-P2"))
        try await withSim(seed: seed) { server, client in
            let refused = try await client.delete("/api/v1/sections/sis_section_id:MATH101-P2")
            #expect(refused.status == 400)
            #expect(refused.object.string("message") == "You can't delete a section that has enrollments")
            let eid = server.snapshot().enrollments.first { $0.courseSectionId == 2 }!.id
            _ = try await client.delete("/api/v1/courses/sis_course_id:MATH101/enrollments/\(eid)?task=delete")
            let done = try await client.delete("/api/v1/sections/sis_section_id:MATH101-P2")
            #expect(done.status == 200)
            try #expect(await client.get("/api/v1/sections/sis_section_id:MATH101-P2").status == 404)
            let dup = try await client.post("/api/v1/courses/sis_course_id:MATH101/sections", [("course_section[sis_section_id]", "MATH101-P2")])
            #expect(dup.status == 400)
            let revived = try await client.post("/api/v1/courses/sis_course_id:MATH101/sections", [
                ("course_section[sis_section_id]", "MATH101-P2"), ("enable_sis_reactivation", "1"),
            ])
            #expect(revived.object.int("id") == 2)
        }
    }

    @Test func termRules() async throws {
        try await withSim(seed: Fixtures.school()) { _, client in
            let missing = try await client.post("/api/v1/accounts/1/terms", [("name", "x")])
            #expect(missing.status == 400)
            #expect(((missing.object["errors"] as? [[String: Any]])?.first)?.string("message") == "enrollment_term is missing")
            let dup = try await client.post("/api/v1/accounts/1/terms", [("enrollment_term[name]", "Again"), ("enrollment_term[sis_term_id]", "2026-FALL")])
            #expect(dup.status == 400)
            let busy = try await client.delete("/api/v1/accounts/1/terms/sis_term_id:2026-FALL")
            #expect(busy.status == 400)
            let defaultTerm = try await client.delete("/api/v1/accounts/1/terms/1")
            #expect(defaultTerm.text.contains("Cannot delete the default term"))
            let empty = try await client.post("/api/v1/accounts/self/terms", [("enrollment_term[name]", "Empty"), ("enrollment_term[sis_term_id]", "E")])
            let gone = try await client.delete("/api/v1/accounts/1/terms/\(empty.object.int("id")!)")
            #expect(gone.object.string("workflow_state") == "deleted")
            try #expect(await client.put("/api/v1/accounts/1/terms/sis_term_id:E", [("enrollment_term[name]", "X")]).status == 404)
        }
    }
}
