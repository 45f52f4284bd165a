import BulkFiles
import CanvasAPI
import Foundation

public struct LiveCourse: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var code: String
    public var termCanvasId: String?
    public var accountCanvasId: String?
    /// `unpublished`, `available`, `completed` or `deleted`.
    public var workflowState: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var restrictToDates: Bool
    public var sections: [LiveSection] = []
    public var enrollments: [LiveEnrollment] = []

    public init(
        canvasId: String, sisId: String?, name: String, code: String, termCanvasId: String?, accountCanvasId: String?,
        workflowState: String, start: ConfigDate? = nil, end: ConfigDate? = nil, restrictToDates: Bool = false
    ) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.code = code
        self.termCanvasId = termCanvasId
        self.accountCanvasId = accountCanvasId
        self.workflowState = workflowState
        self.start = start
        self.end = end
        self.restrictToDates = restrictToDates
    }
}

// From the REST API.
extension LiveCourse {
    /// Dates are kept as stored; the planner looks at them only when `restrictToDates` is set.
    init(_ course: CanvasCourse) {
        self.init(
            canvasId: course.id.rawValue, sisId: course.sisCourseId, name: course.name ?? "",
            code: course.courseCode ?? "", termCanvasId: course.enrollmentTermId?.rawValue,
            accountCanvasId: course.accountId?.rawValue, workflowState: course.workflowState ?? "unpublished",
            start: course.startAt.map(ConfigDate.init(canvas:)), end: course.endAt.map(ConfigDate.init(canvas:)),
            restrictToDates: course.restrictEnrollmentsToCourseDates ?? false)
    }
}

// From the provisioning report.
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
