import CanvasSim
import Foundation
import Testing

/// Enrollment rows, stickiness and the SIS import endpoints where canvas-sim follows the
/// canvas-lms source (`lib/sis/enrollment_importer.rb`, `lib/sis/models/enrollment.rb`,
/// `lib/sticky_sis_fields.rb`, `app/controllers/sis_imports_api_controller.rb`,
/// `app/controllers/enrollments_api_controller.rb`).
@Suite struct SISEnrollmentRulesTests {
    /// Imports `files` and waits for the import to finish; answers the finished import.
    static func run(_ client: SimClient, _ files: [(String, String)], _ fields: [(String, String)] = []) async throws -> [String: Any] {
        let start = try await client.sisImport(zip: try Bulk.zip(files), fields: fields)
        return try await client.waitForImport(try #require(start.object.int("id"))).last
    }

    static func userId(_ server: SimServer, _ sis: String) throws -> Int {
        try #require(server.snapshot().logins.first { $0.sisUserId == sis }).userId
    }

    static func courseId(_ server: SimServer, _ sis: String) throws -> Int {
        try #require(server.snapshot().courses.first { $0.sisCourseId == sis }).id
    }

    /// The school of `SISImportTests.fullSet` plus a parent, P1.
    static func school(_ client: SimClient) async throws {
        let done = try await run(client, SISImportTests.fullSet)
        #expect(done.string("workflow_state") == "imported")
        let parent = try await run(client, [("users.csv", "user_id,login_id,full_name,status\nP1,p1,Pat Parent,active\n")])
        #expect(parent.string("workflow_state") == "imported")
    }

    @Test func anObserverRowNamingNoUserIsSkippedAndTheObserveeNeedNotBeEnrolled() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            // S2 has no enrollment in CHEM1; NOBODY is no user at all.
            let done = try await Self.run(client, [("enrollments.csv", """
                course_id,user_id,role,section_id,status,associated_user_id
                BIO101,P1,observer,,active,NOBODY
                CHEM1,P1,observer,,active,S2

                """)])
            #expect(done.string("workflow_state") == "imported_with_messages")
            #expect(done.messages("processing_warnings") == [
                ["enrollments.csv", "An enrollment referenced a non-existent associated user NOBODY"],
            ])
            let parent = try Self.userId(server, "P1")
            let rows = server.snapshot().enrollments.filter { $0.userId == parent }
            #expect(rows.count == 1, "the NOBODY row made no unlinked observer")
            #expect(rows.first?.courseId == (try Self.courseId(server, "CHEM1")))
            #expect(rows.first?.associatedUserId == (try Self.userId(server, "S2")))
            #expect(rows.first?.type == "ObserverEnrollment")
        }
    }

    @Test func deletedLastCompletedDeletesOnlyBesideAnotherOfTheSameRoleAndObservee() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            // S1: student in BIO101-A, and now in BIO101-B too. S2: student in BIO101-B, and a
            // TA in BIO101-A: another enrollment, but not of the same role.
            _ = try await Self.run(client, [("enrollments.csv", """
                course_id,user_id,role,section_id,status
                BIO101,S1,student,BIO101-B,active
                BIO101,S2,ta,BIO101-A,active

                """)])
            let done = try await Self.run(client, [("enrollments.csv", """
                course_id,user_id,role,section_id,status
                BIO101,S1,student,BIO101-B,deleted_last_completed
                BIO101,S2,student,BIO101-B,deleted_last_completed

                """)])
            #expect(done.string("workflow_state") == "imported")
            let state = server.snapshot()
            let sectionB = try #require(state.sections.first { $0.sisSectionId == "BIO101-B" }).id
            func student(_ sis: String) throws -> String? {
                let user = try Self.userId(server, sis)
                return state.enrollments.first { $0.userId == user && $0.courseSectionId == sectionB && $0.type == "StudentEnrollment" }?
                    .workflowState
            }
            #expect(try student("S1") == "deleted", "S1 is still a student in BIO101-A")
            #expect(try student("S2") == "completed", "S2's other enrollment is a TA one: this was the last student one")
        }
    }

    @Test func clearSisStickinessUnsticksEveryField() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            let defaultTerm = try #require(server.snapshot().terms.first { $0.sisTermId == nil }).id
            let put = try await client.put(
                "/api/v1/courses/sis_course_id:CHEM1", [("course[name]", "Chem (edited)"), ("course[term_id]", String(defaultTerm))])
            #expect(put.status == 200)
            let stuck = server.snapshot().courses.first { $0.sisCourseId == "CHEM1" }?.stuckSisFields ?? []
            #expect(stuck.contains("name") && stuck.contains("enrollment_term_id"), "\(stuck)")

            // The row has no term_id column, so it writes no term; the term is unstuck all the same.
            let done = try await Self.run(
                client, [("courses.csv", "course_id,short_name,long_name,status\nCHEM1,CHEM1,Chemistry,active\n")],
                [("override_sis_stickiness", "true"), ("clear_sis_stickiness", "true")])
            #expect(done.string("workflow_state") == "imported")
            let course = try #require(server.snapshot().courses.first { $0.sisCourseId == "CHEM1" })
            #expect(course.stuckSisFields == nil)
            #expect(course.name == "Chemistry")
            #expect(course.termId == defaultTerm)
        }
    }

    @Test func abortingAFinishedImportIsNotFound() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            let done = try await Self.run(client, [("users.csv", "user_id,login_id,full_name,status\nP1,p1,Pat Parent,active\n")])
            let id = try #require(done.int("id"))
            #expect(done.string("workflow_state") == "imported")
            let abort = try await client.put("/api/v1/accounts/1/sis_imports/\(id)/abort")
            #expect(abort.status == 404)
            try #expect(await client.get("/api/v1/accounts/1/sis_imports/\(id)").object.string("workflow_state") == "imported")
        }
    }

    @Test func anUnknownStateOnTheCourseListingIsAnEmptyList() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            let known = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?state[]=active")
            #expect(known.status == 200)
            #expect(!known.array.isEmpty)
            for state in ["bogus", "current_and_invited"] {
                let listing = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?state[]=\(state)")
                #expect(listing.status == 200, "\(state)")
                #expect(listing.array.isEmpty, "\(state)")
            }
            // Another user's listing filters the same way (`enrollment_index_conditions` again).
            let other = try await client.get("/api/v1/users/sis_user_id:S1/enrollments?state[]=bogus")
            #expect(other.status == 200)
            #expect(other.array.isEmpty)
        }
    }

    @Test(arguments: [
        ("ACTIVE", "active"), ("Active-ish", "active"), ("completed", "completed"), ("Inactive", "inactive"),
        ("DELETED", "deleted"), ("deleted_forever", "deleted"),
        // Not plain "deleted": the longer name is matched first. The only student enrollment: completed.
        ("Deleted_Last_Completed", "completed"),
    ])
    func enrollmentStatusesMatchCaseInsensitivePrefixes(_ status: String, _ expected: String) async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            let done = try await Self.run(client, [("enrollments.csv", "course_id,user_id,role,section_id,status\nCHEM1,S2,student,,\(status)\n")])
            #expect(done.string("workflow_state") == "imported", "\(done.messages("processing_warnings"))")
            let s2 = try Self.userId(server, "S2"), chem = try Self.courseId(server, "CHEM1")
            #expect(server.snapshot().enrollments.first { $0.userId == s2 && $0.courseId == chem }?.workflowState == expected)
        }
    }

    @Test func aStatusThatIsNoPrefixIsRefused() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            let done = try await Self.run(client, [("enrollments.csv", """
                course_id,user_id,role,section_id,status
                CHEM1,S2,student,,semi-active
                CHEM1,S2,student,,activ

                """)])
            #expect(done.messages("processing_warnings") == [
                ["enrollments.csv", "Improper status \"semi-active\" for an enrollment"],
                ["enrollments.csv", "Improper status \"activ\" for an enrollment"],
            ])
            let s2 = try Self.userId(server, "S2"), chem = try Self.courseId(server, "CHEM1")
            #expect(!server.snapshot().enrollments.contains { $0.userId == s2 && $0.courseId == chem })
        }
    }

    @Test func enrollmentStartAndEndDatesAreIndependent() async throws {
        try await withSim(seed: SISImportTests.seed) { server, client in
            try await Self.school(client)
            _ = try await Self.run(client, [("enrollments.csv", """
                course_id,user_id,role,section_id,status,start_date,end_date
                CHEM1,S2,student,,active,2026-09-01T00:00:00Z,
                CHEM1,T1,teacher,,active,,2027-01-31T00:00:00Z

                """)])
            let chem = try Self.courseId(server, "CHEM1")
            func dates(_ sis: String) throws -> (String?, String?) {
                let user = try Self.userId(server, sis)
                let e = server.snapshot().enrollments.first { $0.userId == user && $0.courseId == chem }
                return (e?.startAt?.iso8601, e?.endAt?.iso8601)
            }
            #expect(try dates("S2") == ("2026-09-01T00:00:00Z", nil))
            #expect(try dates("T1") == (nil, "2027-01-31T00:00:00Z"))
            // A later row without start_date clears it (Canvas writes both, each as given).
            _ = try await Self.run(client, [("enrollments.csv", "course_id,user_id,role,section_id,status,end_date\nCHEM1,S2,student,,active,2027-01-15T00:00:00Z\n")])
            #expect(try dates("S2") == (nil, "2027-01-15T00:00:00Z"))
        }
    }
}
