import BulkFiles
import CanvasSim
import Foundation
import Testing

@Suite struct ProvisioningReportTests {
    static let headers: [String: [String]] = [
        "users": ["canvas_user_id", "user_id", "integration_id", "authentication_provider_id", "login_id", "first_name", "last_name",
                  "full_name", "sortable_name", "short_name", "email", "status", "created_by_sis"],
        "accounts": ["canvas_account_id", "account_id", "canvas_parent_id", "parent_account_id", "name", "status", "created_by_sis"],
        "terms": ["canvas_term_id", "term_id", "name", "status", "start_date", "end_date", "created_by_sis"],
        "courses": ["canvas_course_id", "course_id", "integration_id", "short_name", "long_name", "canvas_account_id", "account_id",
                    "canvas_term_id", "term_id", "status", "start_date", "end_date", "course_format", "created_by_sis"],
        "sections": ["canvas_section_id", "section_id", "canvas_course_id", "course_id", "integration_id", "name", "status",
                     "start_date", "end_date", "canvas_account_id", "account_id", "created_by_sis"],
        "enrollments": ["canvas_course_id", "course_id", "canvas_user_id", "user_id", "role", "role_id", "canvas_section_id",
                        "section_id", "status", "canvas_associated_user_id", "associated_user_id", "created_by_sis", "base_role_type",
                        "limit_section_privileges", "canvas_enrollment_id"],
    ]

    static var seed: SimSeed {
        var seed = SimSeed()
        seed.accounts = [AccountSeed(name: "High School", sisAccountId: "HS")]
        seed.terms = [
            TermSeed(name: "Fall 2026", sisTermId: "2026-FALL", startAt: Timestamp(iso8601: "2026-09-01"), endAt: Timestamp(iso8601: "2099-01-31")),
            TermSeed(name: "Old", sisTermId: "OLD", workflowState: "deleted"),
        ]
        seed.courses = [
            CourseSeed(name: "Unpublished", sisCourseId: "UNPUB", account: "HS", term: "2026-FALL", workflowState: "created"),
            CourseSeed(name: "Published", sisCourseId: "PUB", account: "HS", term: "2026-FALL", workflowState: "available",
                       startAt: Timestamp(iso8601: "2026-09-02"), endAt: Timestamp(iso8601: "2099-01-15"), restrictEnrollmentsToCourseDates: true),
            CourseSeed(name: "Term Dates", sisCourseId: "TERMDATES", account: "HS", term: "2026-FALL", workflowState: "available",
                       startAt: Timestamp(iso8601: "2026-09-02"), restrictEnrollmentsToCourseDates: false),
            CourseSeed(name: "Done", sisCourseId: "DONE", term: "2026-FALL", workflowState: "completed"),
            CourseSeed(name: "Gone", sisCourseId: "GONE", term: "2026-FALL", workflowState: "deleted"),
            CourseSeed(name: "Misc", sisCourseId: "MISC", workflowState: "available"),
        ]
        seed.sections = [SectionSeed(name: "Period 1", sisSectionId: "PUB-1", course: "PUB")]
        seed.users = [
            UserSeed(name: "Tina Teacher", sisUserId: "T1", login: "tteacher", email: "t1@school.example"),
            UserSeed(name: "Sam One", sisUserId: "S1", login: "s1", email: "s1@school.example",
                     logins: [LoginSeed(uniqueId: "sam@home.example", sisUserId: "S1-ALT")]),
            UserSeed(name: "Ann Two", sisUserId: "S2", login: "s2"),
            UserSeed(name: "Bo Three", sisUserId: "S3", login: "s3"),
        ]
        seed.enrollments = [
            EnrollmentSeed(user: "T1", section: "PUB-1", type: "teacher", state: "active"),
            EnrollmentSeed(user: "S1", section: "PUB-1", state: "invited"),
            EnrollmentSeed(user: "S2", section: "PUB-1", state: "active"),
            EnrollmentSeed(user: "S3", section: "PUB-1", state: "completed"),
            EnrollmentSeed(user: "S2", section: "PUB-1", type: "ta", state: "deleted"),
            EnrollmentSeed(user: "S1", course: "UNPUB", state: "creation_pending"),
            EnrollmentSeed(user: "S3", course: "UNPUB", state: "inactive"),
            EnrollmentSeed(user: "S2", course: "MISC", state: "active"),
        ]
        return seed
    }

    /// Downloads a finished report's file.
    static func download(_ report: [String: Any], _ client: SimClient) async throws -> HTTPResult {
        let url = try #require(report.object("attachment").string("url"))
        let file = try await client.get(url)
        #expect(file.status == 200)
        return file
    }

    @Test func oneKindIsAPlainCSVBehindTheToken() async throws {
        try await withSim(seed: Self.seed, configure: { $0.runtime.bulkChunkRows = 1; $0.runtime.bulkChunkDelayMs = 250 }) { _, client in
            let start = try await client.post("/api/v1/accounts/1/reports/provisioning_csv", [("parameters[users]", "true")])
            #expect(start.status == 200)
            #expect(start.object.string("report") == "provisioning_csv")
            #expect(start.object.string("status") == "created")
            #expect(start.object["file_url"] is NSNull)
            let id = try #require(start.object.int("id"))
            var seen: [(String, Int)] = []
            var report: [String: Any] = [:]
            for _ in 0..<2000 {
                report = try await client.get("/api/v1/accounts/1/reports/provisioning_csv/\(id)").object
                seen.append((report.string("status") ?? "", report.int("progress") ?? -1))
                if report.string("status") == "complete" { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(report.string("status") == "complete")
            #expect(report.int("progress") == 100)
            // Polling sees the report move forward through Canvas's states (how many steps it
            // catches depends on the machine's speed).
            #expect(seen.allSatisfy { ["created", "running", "complete"].contains($0.0) }, "saw \(seen.prefix(5))")
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "progress never goes back")
            #expect(report.object("parameters").string("users") == "true")
            #expect(report.object("parameters").string("extra_text") == "Term: All Terms; Reports: users ")
            let attachment = report.object("attachment")
            #expect(attachment.string("content-type") == "text/csv")
            #expect(attachment.string("display_name")?.hasSuffix(".csv") == true)
            #expect(report.string("file_url")?.hasSuffix("/accounts/1/files/\(attachment.int("id")!)/download") == true)

            let file = try await Self.download(report, client)
            #expect(file.header("Content-Type") == "text/csv")
            let (headers, rows) = try Bulk.table(file.body)
            #expect(headers == Self.headers["users"])
            // One row per login: Sam has two.
            #expect(rows.count == 5)
            let sam = rows.filter { $0["full_name"] == "Sam One" }
            #expect(Set(sam.compactMap { $0["user_id"] }) == ["S1", "S1-ALT"])
            #expect(sam.first?["first_name"] == "Sam" && sam.first?["last_name"] == "One")
            #expect(sam.first?["sortable_name"] == "One, Sam")
            #expect(sam.first { $0["user_id"] == "S1" }?["email"] == "s1@school.example")
            #expect(rows.allSatisfy { $0["status"] == "active" && $0["created_by_sis"] == "false" })

            // The file needs the token, like the API.
            var anonymous = client
            anonymous.token = nil
            try #expect(await anonymous.get(try #require(attachment.string("url"))).status == 401)
            let fileJSON = try await client.get("/api/v1/files/\(attachment.int("id")!)")
            #expect(fileJSON.object.int("size") == file.body.count)
        }
    }

    @Test func createdBySISFollowsImports() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let imported = try await client.sisImport(zip: try Bulk.zip([
                ("users.csv", "user_id,login_id,first_name,last_name,status\nNEW1,new1,Nia,New,active\n"),
            ]))
            _ = try await client.waitForImport(try #require(imported.object.int("id")))
            let report = try await client.runReport([("users", "1")])
            let (_, rows) = try Bulk.table(try await Self.download(report, client).body)
            #expect(rows.first { $0["user_id"] == "NEW1" }?["created_by_sis"] == "true")
            #expect(rows.first { $0["user_id"] == "T1" }?["created_by_sis"] == "false")
        }
    }

    @Test func courseStatusesDatesAndIncludeDeleted() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let plain = try await client.runReport([("courses", "true")])
            let (headers, rows) = try Bulk.table(try await Self.download(plain, client).body)
            #expect(headers == Self.headers["courses"])
            let status = Dictionary(uniqueKeysWithValues: rows.map { ($0["course_id"]!, $0["status"]!) })
            #expect(status == ["UNPUB": "unpublished", "PUB": "active", "TERMDATES": "active", "MISC": "active"])
            let pub = try #require(rows.first { $0["course_id"] == "PUB" })
            #expect(pub["start_date"] == "2026-09-02T00:00:00Z" && pub["end_date"] == "2099-01-15T00:00:00Z")
            #expect(pub["account_id"] == "HS" && pub["term_id"] == "2026-FALL" && pub["short_name"] == "Published")
            let termDates = try #require(rows.first { $0["course_id"] == "TERMDATES" })
            #expect(termDates["start_date"] == "" && termDates["end_date"] == "", "dates only when restricted")

            let all = try await client.runReport([("courses", "true"), ("include_deleted", "true")])
            #expect(all.object("parameters").string("extra_text") == "Term: All Terms; Include Deleted Objects; Reports: courses ")
            let (_, allRows) = try Bulk.table(try await Self.download(all, client).body)
            let allStatus = Dictionary(uniqueKeysWithValues: allRows.map { ($0["course_id"]!, $0["status"]!) })
            #expect(allStatus["DONE"] == "concluded")
            #expect(allStatus["GONE"] == "deleted")
            #expect(allStatus.count == 6)
        }
    }

    @Test func enrollmentStatusesAndIncludeDeleted() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let plain = try await client.runReport([("enrollments", "true")])
            let (headers, rows) = try Bulk.table(try await Self.download(plain, client).body)
            #expect(headers == Self.headers["enrollments"])
            func key(_ r: [String: String]) -> String { "\(r["course_id"]!)/\(r["user_id"]!)/\(r["role"]!)" }
            let status = Dictionary(uniqueKeysWithValues: rows.map { (key($0), $0["status"]!) })
            #expect(status == [
                "PUB/T1/teacher": "active", "PUB/S1/student": "invited", "PUB/S2/student": "active",
                "UNPUB/S1/student": "invited", "UNPUB/S3/student": "inactive", "MISC/S2/student": "active",
            ])
            let teacher = try #require(rows.first { key($0) == "PUB/T1/teacher" })
            #expect(teacher["base_role_type"] == "TeacherEnrollment" && teacher["section_id"] == "PUB-1")
            #expect(teacher["limit_section_privileges"] == "false" && teacher["created_by_sis"] == "false")

            let all = try await client.runReport([("enrollments", "true"), ("include_deleted", "true")])
            let (_, allRows) = try Bulk.table(try await Self.download(all, client).body)
            let allStatus = Dictionary(uniqueKeysWithValues: allRows.map { (key($0), $0["status"]!) })
            #expect(allStatus["PUB/S3/student"] == "concluded")
            #expect(allStatus["PUB/S2/ta"] == "deleted")
            #expect(allStatus.count == 8)

            // A deleted course's enrollments report as deleted, and only with include_deleted.
            _ = try await client.delete("/api/v1/courses/sis_course_id:MISC?event=delete")
            let after = try await client.runReport([("enrollments", "true")])
            let (_, afterRows) = try Bulk.table(try await Self.download(after, client).body)
            #expect(!afterRows.contains { $0["course_id"] == "MISC" })
        }
    }

    @Test func severalKindsMakeAZip() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let params = ["users", "accounts", "terms", "courses", "sections", "enrollments"].map { ($0, "true") }
            let report = try await client.runReport(params)
            #expect(report.string("status") == "complete")
            let attachment = report.object("attachment")
            #expect(attachment.string("content-type") == "application/zip")
            #expect(attachment.string("display_name")?.hasSuffix(".zip") == true)
            let file = try await Self.download(report, client)
            #expect(file.header("Content-Type") == "application/zip")
            let entries = try ZipReader.read(Array(file.body))
            #expect(Set(entries.map(\.name)) == ["users.csv", "accounts.csv", "terms.csv", "courses.csv", "sections.csv", "enrollments.csv"])
            var tables: [String: [[String: String]]] = [:]
            for entry in entries {
                let kind = String(entry.name.dropLast(4))
                let (headers, rows) = try Bulk.table(Data(entry.data))
                #expect(headers == Self.headers[kind], "\(kind)")
                tables[kind] = rows
            }
            #expect(tables["accounts"]?.map { $0["account_id"] } == ["HS"])
            #expect(tables["accounts"]?.first?["canvas_parent_id"] == "1")
            #expect(Set(tables["terms"]?.map { $0["name"]! } ?? []) == ["Default Term", "Fall 2026"], "a deleted term needs include_deleted")
            #expect(tables["terms"]?.first { $0["term_id"] == "2026-FALL" }?["start_date"] == "2026-09-01T00:00:00Z")
            #expect(tables["sections"]?.contains { $0["section_id"] == "PUB-1" && $0["course_id"] == "PUB" && $0["status"] == "active" } == true)
        }
    }

    @Test func termFilterAndSubAccounts() async throws {
        try await withSim(seed: Self.seed) { _, client in
            let fall = try await client.runReport([("courses", "true"), ("enrollment_term_id", "sis_term_id:2026-FALL")])
            #expect(fall.object("parameters").string("extra_text") == "Term: Fall 2026; Reports: courses ")
            let (_, rows) = try Bulk.table(try await Self.download(fall, client).body)
            #expect(Set(rows.map { $0["course_id"]! }) == ["UNPUB", "PUB", "TERMDATES"])

            let sub = try await client.runReport([("courses", "true")], account: "sis_account_id:HS")
            let (_, subRows) = try Bulk.table(try await Self.download(sub, client).body)
            #expect(Set(subRows.map { $0["course_id"]! }) == ["UNPUB", "PUB", "TERMDATES"])

            let unknown = try await client.runReport([("courses", "true"), ("enrollment_term_id", "sis_term_id:NOPE")])
            #expect(unknown.string("status") == "error")
        }
    }

    @Test func reportRoutes() async throws {
        try await withSim(seed: Self.seed) { _, client in
            try #expect(await client.post("/api/v1/accounts/1/reports/grade_export_csv", [("parameters[users]", "true")]).status == 404)
            let available = try await client.get("/api/v1/accounts/1/reports")
            #expect(available.array.first?.string("report") == "provisioning_csv")
            let first = try await client.runReport([("terms", "true")])
            let second = try await client.runReport([("terms", "true")])
            let history = try await client.get("/api/v1/accounts/1/reports/provisioning_csv")
            #expect(history.array.compactMap { $0.int("id") } == [second.int("id")!, first.int("id")!])
            let gone = try await client.delete("/api/v1/accounts/1/reports/provisioning_csv/\(first.int("id")!)")
            #expect(gone.object.string("status") == "deleted")
            try #expect(await client.get("/api/v1/accounts/1/reports/provisioning_csv/\(first.int("id")!)").status == 404)
        }
    }
}
