import BulkFiles
import CanvasAPI
import Foundation

public struct LiveSection: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?

    public init(canvasId: String, sisId: String?, name: String, start: ConfigDate? = nil, end: ConfigDate? = nil) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.start = start
        self.end = end
    }
}

// From the REST API.
extension LiveSection {
    /// Section dates count only when the section restricts enrollments to them; stored dates
    /// without the flag change nothing in Canvas, so they read as none.
    init(_ section: CanvasSection) {
        let restricted = section.restrictEnrollmentsToSectionDates ?? false
        self.init(
            canvasId: section.id.rawValue, sisId: section.sisSectionId, name: section.name ?? "",
            start: restricted ? section.startAt.map(ConfigDate.init(canvas:)) : nil,
            end: restricted ? section.endAt.map(ConfigDate.init(canvas:)) : nil)
    }
}

// From the provisioning report.
extension LiveSection {
    /// Dates, as on the REST path, only when the section restricts enrollments to them.
    init?(report row: ReportRow) throws {
        guard let canvasId = row["canvas_section_id"] else { return nil }
        self.init(
            canvasId: canvasId, sisId: row["section_id"], name: row["name"] ?? "", start: try row.date("start_date"),
            end: try row.date("end_date"))
    }
}
