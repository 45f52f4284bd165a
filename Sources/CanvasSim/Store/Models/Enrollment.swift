/// An enrollment of a user in a course section, with a base type and a role.
public struct Enrollment: Codable, Equatable, Sendable {
    public var id: Int
    public var userId: Int
    public var courseId: Int
    public var courseSectionId: Int
    public var rootAccountId: Int
    /// `StudentEnrollment` | `TeacherEnrollment` | `TaEnrollment` | `ObserverEnrollment` | `DesignerEnrollment`
    public var type: String
    public var roleId: Int
    /// `active` | `invited` | `creation_pending` | `inactive` | `completed` | `rejected` | `deleted`
    public var workflowState: String
    public var associatedUserId: Int?
    public var limitPrivilegesToCourseSection: Bool
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var selfEnrolled: Bool?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var completedAt: Timestamp?

    /// The last SIS import that created or updated this object (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// Sticky fields changed through the API, which SIS imports leave alone unless they
    /// override stickiness (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, type
        case userId = "user_id", courseId = "course_id", courseSectionId = "course_section_id"
        case rootAccountId = "root_account_id", roleId = "role_id", workflowState = "workflow_state"
        case associatedUserId = "associated_user_id"
        case limitPrivilegesToCourseSection = "limit_privileges_to_course_section"
        case startAt = "start_at", endAt = "end_at", selfEnrolled = "self_enrolled"
        case createdAt = "created_at", updatedAt = "updated_at", completedAt = "completed_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
    }

    public static let types = ["StudentEnrollment", "TeacherEnrollment", "TaEnrollment", "ObserverEnrollment", "DesignerEnrollment"]
    public static let states = ["active", "invited", "creation_pending", "inactive", "completed", "rejected", "deleted"]
}
