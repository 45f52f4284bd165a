/// A course section. Every course gets a default section (named like the course) the first
/// time an enrollment arrives without one.
public struct Section: Codable, Equatable, Sendable {
    public var id: Int
    public var courseId: Int
    public var rootAccountId: Int
    public var name: String
    public var sisSectionId: String?
    public var integrationId: String?
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var restrictEnrollmentsToSectionDates: Bool
    public var defaultSection: Bool
    /// `active` | `deleted`
    public var workflowState: String
    public var nonxlistCourseId: Int?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The last SIS import that created or updated this object (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// Sticky fields changed through the API, which SIS imports leave alone unless they
    /// override stickiness (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name
        case courseId = "course_id", rootAccountId = "root_account_id", sisSectionId = "sis_section_id"
        case integrationId = "integration_id", startAt = "start_at", endAt = "end_at"
        case restrictEnrollmentsToSectionDates = "restrict_enrollments_to_section_dates"
        case defaultSection = "default_section", workflowState = "workflow_state"
        case nonxlistCourseId = "nonxlist_course_id", createdAt = "created_at", updatedAt = "updated_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
    }

    public var isDeleted: Bool { workflowState == "deleted" }
}
