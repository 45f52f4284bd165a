import BulkFiles
import CanvasAPI
import Foundation

public struct LiveEnrollment: Sendable, Equatable {
    public var canvasId: String
    public var userCanvasId: String
    /// A base role's name (`student`) or a custom role's label.
    public var role: String
    public var sectionCanvasId: String
    /// Stored state: active, invited, creation_pending, inactive, completed, rejected or deleted.
    public var state: String
    /// Observers: the Canvas id of the student observed.
    public var associatedUserCanvasId: String?

    public init(canvasId: String, userCanvasId: String, role: String, sectionCanvasId: String, state: String, associatedUserCanvasId: String? = nil) {
        self.canvasId = canvasId
        self.userCanvasId = userCanvasId
        self.role = role
        self.sectionCanvasId = sectionCanvasId
        self.state = state
        self.associatedUserCanvasId = associatedUserCanvasId
    }

    /// Whether the user is on the roster in a way a withdraw would change.
    public var isEnrolled: Bool { ["active", "invited", "creation_pending"].contains(state) }
}

// From the REST API.
extension LiveEnrollment {
    /// nil for an enrollment Canvas returned without a user or section (never in practice).
    init?(_ enrollment: CanvasEnrollment) {
        guard let user = enrollment.userId, let section = enrollment.courseSectionId else { return nil }
        self.init(
            canvasId: enrollment.id.rawValue, userCanvasId: user.rawValue, role: Self.roleName(enrollment),
            sectionCanvasId: section.rawValue, state: Self.state(enrollment.enrollmentState ?? "active"),
            associatedUserCanvasId: enrollment.associatedUserId?.rawValue)
    }

    /// `creation_pending` (invited before the user registered) reads as `invited`, as the
    /// provisioning report shows both: the planner treats them alike, so both read paths
    /// give the same plan.
    static func state(_ raw: String) -> String {
        raw == "creation_pending" ? "invited" : raw
    }

    /// `student` for a built-in role (whose `role` repeats the type), else the custom role's label.
    static func roleName(_ enrollment: CanvasEnrollment) -> String {
        let type = enrollment.type ?? "StudentEnrollment"
        if let role = enrollment.role, role != type { return role }
        return BaseRole(enrollmentType: type)?.rawValue ?? type
    }
}

// From the provisioning report.
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
