import CanvasSim
import Foundation
import Testing

@Suite struct SISImportTests {
    static var seed: SimSeed {
        var seed = SimSeed()
        seed.accounts = [AccountSeed(name: "High School", sisAccountId: "HS")]
        return seed
    }

    /// A full set, files named out of dependency order, columns in free order, RFC 4180 quoting.
    static let fullSet: [(String, String)] = [
        ("enrollments.csv", #"""
            course_id,user_id,role,section_id,status
            BIO101,T1,teacher,BIO101-A,active
            BIO101,S1,student,BIO101-A,active
            BIO101,S2,student,BIO101-B,active
            CHEM1,S1,student,,active

            """#),
        ("users.csv", #"""
            user_id,login_id,first_name,last_name,email,status
            T1,tteacher,Tina,Teacher,tina@school.example,active
            S1,s1,Sam,"O""Neil",s1@school.example,active
            S2,s2,Ann,Lee,,active

            """#),
        ("sections.csv", "section_id,course_id,name,status\r\nBIO101-A,BIO101,Period A,active\r\nBIO101-B,BIO101,Period B,active\r\n"),
        ("courses.csv", #"""
            status,long_name,short_name,course_id,account_id,term_id,start_date,end_date
            published,"Biology, ""Honors""",BIO101,BIO101,HS,2026-FALL,2026-09-01T00:00:00Z,2027-01-31T00:00:00Z
            active,Chemistry,CHEM1,CHEM1,HS,2026-FALL,,

            """#),
        ("terms.csv", "term_id,name,status,start_date,end_date\n2026-FALL,Fall 2026,active,2026-09-01T00:00:00Z,2027-01-31T00:00:00Z\n"),
    ]

    @Test func zipImportEndToEnd() async throws {
        try await withSim(seed: Self.seed) { server, client in
            let start = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            #expect(start.status == 200)
            #expect(start.object.string("workflow_state") == "created")
            #expect(start.object.int("progress") == 0)
            #expect(start.object.object("data").string("import_type") == "instructure_csv")
            let id = try #require(start.object.int("id"))

            let (done, _) = try await client.waitForImport(id)
            #expect(done.string("workflow_state") == "imported")
            #expect(done.int("progress") == 100)
            #expect(done["processing_warnings"] == nil && done["processing_errors"] == nil)
            let data = done.object("data")
            #expect(data["supplied_batches"] as? [String] == ["term", "course", "section", "user", "enrollment"])
            let counts = data.object("counts")
            #expect(counts.int("terms") == 1 && counts.int("courses") == 2 && counts.int("sections") == 2)
            #expect(counts.int("users") == 3 && counts.int("enrollments") == 4)
            #expect(counts.int("error_count") == 0 && counts.int("warning_count") == 0)
            #expect(done.string("ended_at") != nil)

            // The objects, through the API.
            let term = try await client.get("/api/v1/accounts/1/terms/sis_term_id:2026-FALL")
            #expect(term.object.string("name") == "Fall 2026")
            #expect(term.object.int("sis_import_id") == id)
            let bio = try await client.get("/api/v1/courses/sis_course_id:BIO101")
            #expect(bio.object.string("name") == "Biology, \"Honors\"")
            #expect(bio.object.string("course_code") == "BIO101")
            #expect(bio.object.string("workflow_state") == "available")
            #expect(bio.object.int("enrollment_term_id") == term.object.int("id"))
            #expect(bio.object.string("start_at") == "2026-09-01T00:00:00Z")
            #expect(bio.object["restrict_enrollments_to_course_dates"] as? Bool == true)
            #expect(bio.object.int("sis_import_id") == id)
            let hs = try await client.get("/api/v1/accounts/sis_account_id:HS")
            #expect(bio.object.int("account_id") == hs.object.int("id"))
            let chem = try await client.get("/api/v1/courses/sis_course_id:CHEM1")
            #expect(chem.object.string("workflow_state") == "unpublished", "active does not publish a new course")
            #expect(chem.object["restrict_enrollments_to_course_dates"] as? Bool == false)
            let sections = try await client.get("/api/v1/courses/sis_course_id:BIO101/sections")
            #expect(sections.array.compactMap { $0.string("name") } == ["Period A", "Period B"])
            let s1 = try await client.get("/api/v1/users/sis_user_id:S1")
            #expect(s1.object.string("name") == "Sam O\"Neil")
            #expect(s1.object.string("sortable_name") == "O\"Neil, Sam")
            #expect(s1.object.string("login_id") == "s1")
            #expect(s1.object.string("email") == "s1@school.example")
            #expect(s1.object.int("sis_import_id") == id)
            let enrollments = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?per_page=50")
            #expect(enrollments.array.count == 3)
            #expect(enrollments.array.allSatisfy { $0.string("enrollment_state") == "active" && $0.int("sis_import_id") == id })
            let chemRoster = try await client.get("/api/v1/courses/sis_course_id:CHEM1/enrollments")
            #expect(chemRoster.array.first?.string("sis_user_id") == "S1", "no section_id: the default section")

            // Objects it made carry the import's id; the list shows the import.
            #expect(server.snapshot().courses.filter { $0.sisImportId == id }.count == 2)
            let list = try await client.get("/api/v1/accounts/1/sis_imports")
            let imports = (list.object["sis_imports"] as? [[String: Any]]) ?? []
            #expect(imports.map { $0.int("id") } == [id])
        }
    }

    @Test func progressMovesWhileImportingAndImportsRunInOrder() async throws {
        // 20 chunks 150 ms apart: a window of 3 s in which a poller every 10 ms sees progress even on a loaded machine.
        try await withSim(seed: Self.seed, configure: { $0.runtime.bulkChunkRows = 5; $0.runtime.bulkChunkDelayMs = 150 }) { _, client in
            var users = "user_id,login_id,full_name,status\n"
            for i in 1...100 { users += "U\(i),user\(i),User \(i),active\n" }
            let first = try await client.sisImport(zip: try Bulk.zip([("users.csv", users)]))
            let second = try await client.sisImport(zip: try Bulk.zip([("users.csv", "user_id,login_id,full_name,status\nU1,user1,Renamed,active\n")]))
            let firstId = try #require(first.object.int("id")), secondId = try #require(second.object.int("id"))

            let (done, seen) = try await client.waitForImport(firstId)
            #expect(done.string("workflow_state") == "imported")
            #expect(seen.contains { $0.0 == "importing" && $0.1 > 0 && $0.1 < 100 }, "saw \(seen)")
            let running = try await client.get("/api/v1/accounts/1/sis_imports/importing")
            #expect(running.object["sis_imports"] is [Any])
            // The second waited for the first, so its rename wins.
            let (second2, _) = try await client.waitForImport(secondId)
            #expect(second2.string("workflow_state") == "imported")
            try #expect(await client.get("/api/v1/users/sis_user_id:U1").object.string("name") == "Renamed")
            let list = try await client.get("/api/v1/accounts/1/sis_imports")
            let ids = ((list.object["sis_imports"] as? [[String: Any]]) ?? []).compactMap { $0.int("id") }
            #expect(ids == [secondId, firstId], "newest first")
        }
    }

    @Test func rowErrorsAreWarningsAndTheImportGoesOn() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let files: [(String, String)] = [
                ("courses.csv", #"""
                    course_id,short_name,long_name,status
                    GOOD1,G1,Good One,active
                    BAD1,B1,Bad One,archived
                    NOSHORT,,No Short,active

                    """#),
                ("users.csv", "user_id,login_id,full_name,status\nU1,u1,User One,active\nU2,,No Login,active\n"),
                ("enrollments.csv", #"""
                    course_id,user_id,role,status
                    GOOD1,U1,student,active
                    NOPE,U1,student,active
                    GOOD1,GHOST,student,active
                    GOOD1,U1,wizard,active

                    """#),
            ]
            let start = try await client.sisImport(zip: try Bulk.zip(files))
            let (done, _) = try await client.waitForImport(try #require(start.object.int("id")))
            #expect(done.string("workflow_state") == "imported_with_messages")
            #expect(done["processing_errors"] == nil)
            let warnings = done.messages("processing_warnings")
            #expect(warnings.contains(["courses.csv", "Improper status \"archived\" for course BAD1"]))
            #expect(warnings.contains(["courses.csv", "No short_name given for course NOSHORT"]))
            #expect(warnings.contains(["users.csv", "No login_id given for user U2"]))
            // Canvas checks "neither" first, so an unknown course with no section reads like this.
            #expect(warnings.contains(["enrollments.csv", "Neither course NOPE nor section  existed for user enrollment"]))
            #expect(warnings.contains(["enrollments.csv", "User GHOST didn't exist for user enrollment"]))
            #expect(warnings.contains(["enrollments.csv", "Improper role \"wizard\" for an enrollment"]))
            let counts = done.object("data").object("counts")
            #expect(counts.int("courses") == 1 && counts.int("users") == 1 && counts.int("enrollments") == 1)
            #expect(counts.int("warning_count") == 6 && counts.int("error_count") == 0)
            try #expect(await client.get("/api/v1/courses/sis_course_id:GOOD1").status == 200)
            try #expect(await client.get("/api/v1/courses/sis_course_id:BAD1").status == 404)

            // The errors endpoint names the rows; the error CSV downloads with the token.
            let errors = try await client.get("/api/v1/accounts/1/sis_imports/\(done.int("id")!)/errors?per_page=50")
            let items = (errors.object["sis_import_errors"] as? [[String: Any]]) ?? []
            #expect(items.first { $0.string("message") == "Improper status \"archived\" for course BAD1" }?.int("row") == 3)
            let url = try #require(done.object("errors_attachment").string("url"))
            let file = try await client.get(url)
            #expect(file.status == 200)
            #expect(try Bulk.csv(file.body).first == ["sis_import_id", "file", "message", "row"])
        }
    }

    @Test func fileLevelErrorsFailTheImport() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let files: [(String, String)] = [
                ("mystery.csv", "foo,bar\n1,2\n"),
                ("broken.csv", "term_id,name,status\n\"T1,Fall,active\n"),
                ("notes.txt", "hello"),
                ("terms.csv", "term_id,name,status\nT1,Fall,active\n"),
            ]
            let start = try await client.sisImport(zip: try Bulk.zip(files))
            let (done, _) = try await client.waitForImport(try #require(start.object.int("id")))
            #expect(done.string("workflow_state") == "failed_with_messages")
            let errors = done.messages("processing_errors")
            #expect(errors.contains(["mystery.csv", "Couldn't find Canvas CSV import headers"]))
            #expect(errors.contains(["broken.csv", "Malformed CSV"]))
            #expect(done.messages("processing_warnings").contains(["notes.txt", "Skipping unknown file type"]))
            // Good files were still applied.
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:T1").status == 200)

            let notZip = try await client.sisImport(zip: Data("not a zip at all".utf8))
            let (bad, _) = try await client.waitForImport(try #require(notZip.object.int("id")))
            #expect(bad.string("workflow_state") == "failed_with_messages")
            #expect(bad.messages("processing_errors").first?.last?.contains("not a zip file") == true)
        }
    }

    @Test func deletedAndCompletedStatuses() async throws {
        try await withSim(seed: Self.seed) { server, client in
            let first = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            _ = try await client.waitForImport(try #require(first.object.int("id")))
            let second: [(String, String)] = [
                ("courses.csv", "course_id,short_name,long_name,status,term_id\nCHEM1,CHEM1,Chemistry,completed,2026-FALL\n"),
                ("sections.csv", "section_id,course_id,name,status\nBIO101-B,BIO101,Period B,deleted\n"),
                ("users.csv", "user_id,login_id,full_name,status\nT1,tteacher,Tina Teacher,suspended\n"),
                ("enrollments.csv", #"""
                    course_id,user_id,role,section_id,status
                    BIO101,T1,teacher,BIO101-A,completed
                    BIO101,S1,student,BIO101-A,deleted
                    BIO101,S1,ta,BIO101-A,deleted_last_completed

                    """#),
                ("terms.csv", "term_id,name,status\n2026-FALL,Fall 2026,deleted\n"),
            ]
            let start = try await client.sisImport(zip: try Bulk.zip(second))
            let (done, _) = try await client.waitForImport(try #require(start.object.int("id")))
            #expect(done.string("workflow_state") == "imported_with_messages")
            #expect(done.messages("processing_warnings") == [[
                "terms.csv", "A term did not pass validation (term: 2026-FALL / Fall 2026, error: Cannot delete a term with active courses)",
            ]])

            // A concluded course concludes its active enrollments.
            let chem = try await client.get("/api/v1/courses/sis_course_id:CHEM1")
            #expect(chem.object.string("workflow_state") == "completed")
            let state = server.snapshot()
            let chemId = try #require(chem.object.int("id"))
            #expect(state.enrollments.filter { $0.courseId == chemId }.map(\.workflowState) == ["completed"])
            // A deleted section is gone and takes its enrollments along.
            try #expect(await client.get("/api/v1/sections/sis_section_id:BIO101-B").status == 404)
            let s2 = try #require(state.users.first { $0.name == "Ann Lee" })
            #expect(state.enrollments.filter { $0.userId == s2.id }.map(\.workflowState) == ["deleted"])
            // Enrollment statuses.
            let bio = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?state[]=completed&state[]=deleted&state[]=active")
            let byUser = Dictionary(bio.array.map { ("\($0.string("sis_user_id") ?? "")/\($0.string("type") ?? "")", $0.string("enrollment_state") ?? "") },
                                    uniquingKeysWith: { a, _ in a })
            #expect(byUser["T1/TeacherEnrollment"] == "completed")
            #expect(byUser["S1/StudentEnrollment"] == "deleted")
            // deleted_last_completed with no other active enrollment in the course: completed.
            #expect(byUser["S1/TaEnrollment"] == "completed")
            // A suspended login stays, suspended.
            let logins = try await client.get("/api/v1/users/sis_user_id:T1/logins")
            #expect(logins.array.first?.string("workflow_state") == "suspended")
            // The term survived.
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:2026-FALL").object.string("workflow_state") == "active")

            // Deleting a user's only login deletes the user and their enrollments; skip_deletes
            // ignores delete rows.
            let skipped = try await client.sisImport(
                zip: try Bulk.zip([("users.csv", "user_id,login_id,full_name,status\nS2,s2,Ann Lee,deleted\n")]),
                fields: [("skip_deletes", "true")])
            let (skippedDone, _) = try await client.waitForImport(try #require(skipped.object.int("id")))
            #expect(skippedDone.object("data").object("counts").int("users") == 0)
            try #expect(await client.get("/api/v1/users/sis_user_id:S2").status == 200)
            let deleted = try await client.sisImport(zip: try Bulk.zip([("users.csv", "user_id,login_id,full_name,status\nS1,s1,Sam,deleted\n")]))
            _ = try await client.waitForImport(try #require(deleted.object.int("id")))
            try #expect(await client.get("/api/v1/users/sis_user_id:S1").status == 404)
            let s1 = try #require(server.snapshot().logins.first { $0.sisUserId == "S1" })
            #expect(server.snapshot().enrollments.filter { $0.userId == s1.userId }.allSatisfy { $0.workflowState == "deleted" })
        }
    }

    @Test func apiChangesAreStickyUnlessTheImportOverrides() async throws {
        try await withSim(seed: Self.seed) { server, client in
            func course(_ name: String, code: String) throws -> Data {
                try Bulk.zip([("courses.csv", "course_id,short_name,long_name,status\nBIO,\(code),\(name),active\n")])
            }
            func run(_ zip: Data, _ fields: [(String, String)] = []) async throws -> [String: Any] {
                let r = try await client.sisImport(zip: zip, fields: fields)
                return try await client.waitForImport(try #require(r.object.int("id"))).last
            }
            func name() async throws -> String? { try await client.get("/api/v1/courses/sis_course_id:BIO").object.string("name") }

            _ = try await run(try course("Biology", code: "BIO-1"))
            let put = try await client.put("/api/v1/courses/sis_course_id:BIO", [("course[name]", "Biology (edited)")])
            #expect(put.status == 200)
            #expect(server.snapshot().courses.first { $0.sisCourseId == "BIO" }?.stuckSisFields == ["name"])

            // Without override: the API's name stays; the code (not stuck) follows the file.
            let plain = try await run(try course("Biology 2", code: "BIO-2"))
            #expect(plain.string("workflow_state") == "imported")
            #expect(plain["override_sis_stickiness"] is NSNull)
            try #expect(await name() == "Biology (edited)")
            try #expect(await client.get("/api/v1/courses/sis_course_id:BIO").object.string("course_code") == "BIO-2")

            // With override: the file wins, and the field stays stuck.
            let overridden = try await run(try course("Biology 3", code: "BIO-3"), [("override_sis_stickiness", "true")])
            #expect(overridden["override_sis_stickiness"] as? Bool == true)
            try #expect(await name() == "Biology 3")
            _ = try await run(try course("Biology 4", code: "BIO-4"))
            try #expect(await name() == "Biology 3")

            // Override + clear: the file wins and the field is no longer stuck.
            _ = try await run(try course("Biology 5", code: "BIO-5"), [("override_sis_stickiness", "true"), ("clear_sis_stickiness", "true")])
            #expect(server.snapshot().courses.first { $0.sisCourseId == "BIO" }?.stuckSisFields == nil)
            _ = try await run(try course("Biology 6", code: "BIO-6"))
            try #expect(await name() == "Biology 6")

            // Override + add: the import's changes become sticky.
            _ = try await run(try course("Biology 7", code: "BIO-7"), [("override_sis_stickiness", "true"), ("add_sis_stickiness", "true")])
            _ = try await run(try course("Biology 8", code: "BIO-8"))
            try #expect(await name() == "Biology 7")
            try #expect(await client.get("/api/v1/courses/sis_course_id:BIO").object.string("course_code") == "BIO-7")
        }
    }

    @Test func userNamesAreStickyEnrollmentStatusIsNot() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let first = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            _ = try await client.waitForImport(try #require(first.object.int("id")))
            _ = try await client.put("/api/v1/users/sis_user_id:S2", [("user[name]", "Annie Lee")])
            let bio = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?user_id=sis_user_id:S2")
            let eid = try #require(bio.array.first?.int("id"))
            let concluded = try await client.delete("/api/v1/courses/sis_course_id:BIO101/enrollments/\(eid)?task=conclude")
            #expect(concluded.object.string("enrollment_state") == "completed")

            let again = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            _ = try await client.waitForImport(try #require(again.object.int("id")))
            try #expect(await client.get("/api/v1/users/sis_user_id:S2").object.string("name") == "Annie Lee")
            let after = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments?user_id=sis_user_id:S2")
            #expect(after.array.first?.string("enrollment_state") == "active", "the file re-activates a hand-concluded enrollment")
        }
    }

    @Test func rawCSVAndStoredZipBodies() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let csv = "user_id,login_id,full_name,status\nR1,raw1,Raw One,active\n"
            let raw = try await client.send(
                "POST", "/api/v1/accounts/1/sis_imports?extension=csv", body: Data(csv.utf8), contentType: "text/csv")
            #expect(raw.status == 200)
            let (done, _) = try await client.waitForImport(try #require(raw.object.int("id")))
            #expect(done.string("workflow_state") == "imported")
            #expect(done.object("data")["supplied_batches"] as? [String] == ["user"])
            try #expect(await client.get("/api/v1/users/sis_user_id:R1").object.string("name") == "Raw One")

            // The extension comes from the content type when not given.
            let inferred = try await client.send(
                "POST", "/api/v1/accounts/1/sis_imports", body: Data("term_id,name,status\nT9,Term Nine,active\n".utf8),
                contentType: "text/csv; charset=utf-8")
            _ = try await client.waitForImport(try #require(inferred.object.int("id")))
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:T9").status == 200)

            let stored = try Bulk.zip([("terms.csv", "term_id,name,status\nT2,Spring,active\n")], method: .stored)
            let zipped = try await client.send(
                "POST", "/api/v1/accounts/1/sis_imports?import_type=instructure_csv", body: stored, contentType: "application/zip")
            let (zipDone, _) = try await client.waitForImport(try #require(zipped.object.int("id")))
            #expect(zipDone.string("workflow_state") == "imported")
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:T2").object.string("name") == "Spring")

            let latin = try await client.send(
                "POST", "/api/v1/accounts/1/sis_imports?extension=csv", body: Data(csv.utf8), contentType: "text/csv; charset=iso-8859-1")
            #expect(latin.status == 400)
        }
    }

    @Test func guards() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let zip = try Bulk.zip([("terms.csv", "term_id,name,status\nT1,Fall,active\n")])
            let sub = try await client.sisImport(zip: zip, account: "sis_account_id:HS")
            #expect(sub.status == 400)
            #expect(sub.object["errors"] as? [String] == ["SIS imports can only be executed on root accounts"])
            try #expect(await client.get("/api/v1/accounts/sis_account_id:HS/sis_imports").status == 400)

            let (body, type) = Bulk.multipart(fields: [("import_type", "instructure_csv")], file: nil)
            let missing = try await client.send("POST", "/api/v1/accounts/1/sis_imports", body: body, contentType: type)
            #expect(missing.status == 400)
            #expect(missing.object["error"] as? Bool == true)
            #expect(missing.object.string("error_message") == "Missing attachment")
            let form = try await client.post("/api/v1/accounts/1/sis_imports", [("import_type", "instructure_csv")])
            #expect(form.object.string("error_message") == "Missing attachment")

            let batch = try await client.sisImport(zip: zip, fields: [("batch_mode", "true"), ("batch_mode_term_id", "sis_term_id:NOPE")])
            #expect(batch.status == 400)
            #expect(batch.object.string("message") == "Batch mode specified, but the given batch_mode_term_id cannot be found.")
            try #expect(await client.get("/api/v1/accounts/1/sis_imports/999").status == 404)
        }
    }

    @Test func batchModeDeletesWhatTheFileNoLongerHas() async throws {
        var seed = Self.seed
        seed.terms = [TermSeed(name: "Fall 2026", sisTermId: "2026-FALL")]
        seed.courses = [CourseSeed(name: "Hand made", sisCourseId: "HAND", term: "2026-FALL")]
        try await withSim(seed: seed) { _, client in
            let first = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            _ = try await client.waitForImport(try #require(first.object.int("id")))
            let files: [(String, String)] = [
                ("courses.csv", "course_id,short_name,long_name,status,term_id\nBIO101,BIO101,Biology,active,2026-FALL\n"),
                ("enrollments.csv", "course_id,user_id,role,section_id,status\nBIO101,T1,teacher,BIO101-A,active\n"),
            ]
            let batch = try await client.sisImport(
                zip: try Bulk.zip(files), fields: [("batch_mode", "true"), ("batch_mode_term_id", "sis_term_id:2026-FALL")])
            #expect(batch.object["batch_mode"] as? Bool == true)
            let (done, seen) = try await client.waitForImport(try #require(batch.object.int("id")))
            #expect(done.string("workflow_state") == "imported")
            let counts = done.object("data").object("counts")
            #expect(counts.int("batch_courses_deleted") == 1)
            #expect(counts.int("batch_sections_deleted") == 0, "no sections.csv: sections are left alone")
            #expect(counts.int("batch_enrollments_deleted") == 3, "S1 and S2 in BIO101, S1 in CHEM1")
            #expect(seen.allSatisfy { $0.0 != "failed" })
            try #expect(await client.get("/api/v1/courses/sis_course_id:CHEM1").status == 404)
            try #expect(await client.get("/api/v1/courses/sis_course_id:HAND").status == 200, "not SIS-managed: kept")
            let roster = try await client.get("/api/v1/courses/sis_course_id:BIO101/enrollments")
            #expect(roster.array.compactMap { $0.string("sis_user_id") } == ["T1"])

            // A threshold the cleanup would exceed aborts it.
            let guarded = try await client.sisImport(
                zip: try Bulk.zip([("courses.csv", "course_id,short_name,long_name,status,term_id\nNEW1,N,New,active,2026-FALL\n")]),
                fields: [("batch_mode", "true"), ("batch_mode_term_id", "sis_term_id:2026-FALL"), ("change_threshold", "10")])
            let (aborted, _) = try await client.waitForImport(try #require(guarded.object.int("id")))
            #expect(aborted.string("workflow_state") == "aborted")
            try #expect(await client.get("/api/v1/courses/sis_course_id:BIO101").status == 200)
        }
    }

    @Test func importsSurviveARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sim-sis-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var id = 0
        try await withSim(seed: Self.seed, configure: { $0.dataDirectory = dir }) { _, client in
            let r = try await client.sisImport(zip: try Bulk.zip(Self.fullSet))
            id = try #require(r.object.int("id"))
            _ = try await client.waitForImport(id)
        }
        try await withSim(configure: { $0.dataDirectory = dir }) { _, client in
            let again = try await client.get("/api/v1/accounts/1/sis_imports/\(id)")
            #expect(again.object.string("workflow_state") == "imported")
            #expect(again.object.object("data").object("counts").int("enrollments") == 4)
            try #expect(await client.get("/api/v1/courses/sis_course_id:BIO101").object.int("sis_import_id") == id)
            let next = try await client.sisImport(zip: try Bulk.zip([("terms.csv", "term_id,name,status\nT3,Three,active\n")]))
            #expect(next.object.int("id") == id + 1)
        }
    }
}
