import BulkFiles
import CanvasAPI
import Foundation

// Provisioning-report rows as the planner sees them: the same values the REST path builds
// (LiveState+Canvas.swift), translated from the report's own vocabulary (`gems/plugins/account_reports/lib/account_reports/sis_exporter.rb`).

/// One report row, read by column name (Canvas appends columns across versions).
struct ReportRow {
    let table: CSVTable
    let record: CSV.Record

    subscript(_ column: String) -> String? { table.value(record, column) }

    /// An ISO 8601 timestamp (Canvas writes the account's zone, `…T00:00:00-04:00`) as the
    /// planner's date, read as the REST path reads JSON dates; one it cannot read fails the
    /// read rather than reading as "no date".
    func date(_ column: String) throws -> ConfigDate? {
        guard let text = self[column] else { return nil }
        guard let date = CanvasJSON.parseDate(text) else {
            throw LiveReadError("the provisioning report has a \(column) Canvas's API would not write: '\(text)' (line \(record.line))")
        }
        return ConfigDate(canvas: date)
    }
}

extension CSVTable {
    var reportRows: [ReportRow] { rows.map { ReportRow(table: self, record: $0) } }
}

extension LiveCourse {
    /// The report's course statuses: unpublished (created or claimed), active (available),
    /// concluded (completed), deleted. Dates are filled only when the course restricts
    /// enrollments to them, so dates present mean restricted.
    init?(report row: ReportRow) throws {
        guard let canvasId = row["canvas_course_id"] else { return nil }
        let state: String =
            switch row["status"] ?? "" {
            case "active": "available"
            case "concluded": "completed"
            case "created", "claimed", "": "unpublished"
            case let other: other
            }
        let start = try row.date("start_date")
        let end = try row.date("end_date")
        self.init(
            canvasId: canvasId, sisId: row["course_id"], name: row["long_name"] ?? "", code: row["short_name"] ?? "",
            termCanvasId: row["canvas_term_id"], accountCanvasId: row["canvas_account_id"], workflowState: state,
            start: start, end: end, restrictToDates: start != nil || end != nil)
    }
}

extension LiveSection {
    /// Dates, as on the REST path, only when the section restricts enrollments to them.
    init?(report row: ReportRow) throws {
        guard let canvasId = row["canvas_section_id"] else { return nil }
        self.init(
            canvasId: canvasId, sisId: row["section_id"], name: row["name"] ?? "", start: try row.date("start_date"),
            end: try row.date("end_date"))
    }
}

extension LiveEnrollment {
    /// The report's statuses: invited (invited or creation_pending), active, concluded
    /// (completed), inactive, rejected, deleted. `role` is the built-in role's name or the
    /// custom role's label, as the planner keys them.
    init?(report row: ReportRow) {
        guard let canvasId = row["canvas_enrollment_id"], let user = row["canvas_user_id"],
            let section = row["canvas_section_id"]
        else { return nil }
        let state = row["status"] == "concluded" ? "completed" : row["status"] ?? "active"
        self.init(
            canvasId: canvasId, userCanvasId: user, role: row["role"] ?? "student", sectionCanvasId: section, state: state,
            associatedUserCanvasId: row["canvas_associated_user_id"])
    }
}

extension LiveUser {
    /// One row per login: the login is the row's own.
    init?(report row: ReportRow) {
        guard let canvasId = row["canvas_user_id"] else { return nil }
        self.init(
            canvasId: canvasId, sisId: row["user_id"], login: row["login_id"], name: row["full_name"] ?? "",
            sortableName: row["sortable_name"], email: row["email"])
    }
}
