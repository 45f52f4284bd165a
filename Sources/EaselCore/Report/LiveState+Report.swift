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




