import BulkFiles
@testable import EaselCore
import Testing

/// Reading the report's files: kinds by header, the columns easel needs, Canvas's dates.
@Suite struct ProvisioningReportTests {
    static func csv(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    static let courses = csv([
        "canvas_course_id,course_id,integration_id,short_name,long_name,canvas_account_id,account_id,canvas_term_id,term_id,status,start_date,end_date,course_format,created_by_sis",
        "7,C1,,C1,Course One,1,,5,T1,active,2026-09-01T00:00:00-04:00,,,false",
        "8,C2,,C2,Course Two,1,,5,T1,concluded,,,,false",
    ])

    @Test func aZipOfFilesIsReadByHeaderAndMapped() throws {
        var zip = ZipWriter()
        try zip.add("whatever_name.csv", Self.courses)
        let files = try ProvisioningReport.parse(zip.bytes(), reportId: "3")
        try ProvisioningReport.check(files, has: [.courses], reportId: "3")
        let rows = try #require(files[.courses]).reportRows
        let courses = try rows.compactMap(LiveCourse.init(report:))
        #expect(courses.map(\.workflowState) == ["available", "completed"])
        // Canvas writes the account's zone: 2026-09-01 00:00 at -04:00 is 04:00 UTC.
        #expect(courses[0].start == ConfigDate(iso: "2026-09-01T04:00:00Z"))
        #expect(courses[0].restrictToDates && !courses[1].restrictToDates)
    }

    @Test func aFileWithoutAColumnEaselReadsFailsTheRead() throws {
        let older = Self.csv(["canvas_user_id,user_id,role,canvas_section_id,canvas_course_id,status", "1,U1,student,4,7,active"])
        let files = try ProvisioningReport.parse(older, reportId: "4")
        let error = #expect(throws: LiveReadError.self) { try ProvisioningReport.check(files, has: [.enrollments], reportId: "4") }
        #expect(error?.message == "the provisioning report 4's enrollments file lacks canvas_enrollment_id, canvas_associated_user_id; "
            + "this Canvas's report is not one easel reads: use --read-via api")
        #expect(throws: LiveReadError.self) { try ProvisioningReport.check(files, has: [.users], reportId: "4") }
    }

    @Test func aDateCanvasWouldNotWriteFailsTheRead() throws {
        let bad = Self.csv([
            "canvas_course_id,course_id,short_name,long_name,canvas_account_id,canvas_term_id,status,start_date,end_date",
            "7,C1,C1,One,1,5,active,next monday,",
        ])
        let rows = try #require(try ProvisioningReport.parse(bad, reportId: "5")[.courses]).reportRows
        #expect(throws: LiveReadError.self) { try rows.compactMap(LiveCourse.init(report:)) }
    }
}
