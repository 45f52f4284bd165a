/// A course. `workflowState` is the raw state (`created`, `claimed`, `available`,
/// `completed`, `deleted`); the API shows `created`/`claimed` as `unpublished`.
public struct Course: Codable, Equatable, Sendable {
    public var id: Int
    public var rootAccountId: Int
    public var accountId: Int
    public var termId: Int
    public var name: String
    public var courseCode: String
    public var sisCourseId: String?
    public var integrationId: String?
    public var workflowState: String
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var restrictEnrollmentsToCourseDates: Bool
    public var uuid: String
    public var license: String?
    public var isPublic: Bool
    public var isPublicToAuthUsers: Bool
    public var publicSyllabus: Bool
    public var publicSyllabusToAuth: Bool
    public var publicDescription: String?
    public var defaultView: String
    public var timeZone: String?
    public var courseFormat: String?
    public var gradePassbackSetting: String?
    public var hideFinalGrades: Bool
    public var applyAssignmentGroupWeights: Bool
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    /// The last SIS import that created or updated this object (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// Sticky fields changed through the API, which SIS imports leave alone unless they
    /// override stickiness (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, uuid, license
        case rootAccountId = "root_account_id", accountId = "account_id", termId = "enrollment_term_id"
        case courseCode = "course_code", sisCourseId = "sis_course_id", integrationId = "integration_id"
        case workflowState = "workflow_state", startAt = "start_at", endAt = "end_at"
        case restrictEnrollmentsToCourseDates = "restrict_enrollments_to_course_dates"
        case isPublic = "is_public", isPublicToAuthUsers = "is_public_to_auth_users"
        case publicSyllabus = "public_syllabus", publicSyllabusToAuth = "public_syllabus_to_auth"
        case publicDescription = "public_description", defaultView = "default_view", timeZone = "time_zone"
        case courseFormat = "course_format", gradePassbackSetting = "grade_passback_setting"
        case hideFinalGrades = "hide_final_grades", applyAssignmentGroupWeights = "apply_assignment_group_weights"
        case createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
    }

    /// The state as the API reports it.
    public var apiState: String {
        workflowState == "created" || workflowState == "claimed" ? "unpublished" : workflowState
    }

    public var isDeleted: Bool { workflowState == "deleted" }
    public var isPublished: Bool { workflowState == "available" || workflowState == "completed" }
}
