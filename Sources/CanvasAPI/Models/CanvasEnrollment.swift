import Foundation

/// An enrollment (Canvas's Enrollment object: `lib/api/v1/user.rb`, `enrollment_json`).
public struct CanvasEnrollment: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var courseId: CanvasID?
    public var courseSectionId: CanvasID?
    public var userId: CanvasID?
    /// Base type: `StudentEnrollment`, …
    public var type: String?
    /// Equals `type` unless a custom role is used.
    public var role: String?
    public var roleId: CanvasID?
    /// Stored state: `active`, `invited`, `creation_pending`, `inactive`, `completed`, `rejected`, `deleted`.
    public var enrollmentState: String?
    public var limitPrivilegesToCourseSection: Bool?
    public var associatedUserId: CanvasID?
    public var sisCourseId: String?
    public var sisSectionId: String?
    public var sisUserId: String?
    public var startAt: Date?
    public var endAt: Date?
    public var user: CanvasUser?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}

/// The five enrollment base types.
public enum EnrollmentType: String, Sendable, Hashable, CaseIterable {
    case student = "StudentEnrollment"
    case teacher = "TeacherEnrollment"
    case ta = "TaEnrollment"
    case observer = "ObserverEnrollment"
    case designer = "DesignerEnrollment"
}

/// Stored enrollment states, for `state[]` filters.
public enum EnrollmentState: String, Sendable, Hashable, CaseIterable {
    case active, invited
    case creationPending = "creation_pending"
    case inactive, completed, rejected, deleted
}

/// `POST /courses/:id/enrollments` or `/sections/:id/enrollments` (`app/controllers/enrollments_api_controller.rb`, `create`).
///
/// Canvas finds or revives an enrollment by (user, type, role, associated user, section), so
/// re-posting the same key returns the same enrollment; the attributes below are overwritten
/// on every post, and cleared when not sent.
public struct NewEnrollment: Sendable, Equatable {
    public var user: CanvasRef
    public var type: EnrollmentType
    /// A custom (or built-in) course role; its base type must equal `type`.
    public var roleId: CanvasID?
    /// `active`, `invited` or `inactive`; Canvas defaults to invited (or creation_pending).
    public var state: EnrollmentState?
    /// Ignored when posting to a section.
    public var section: CanvasRef?
    public var limitPrivilegesToCourseSection: Bool?
    /// Default false: no invitation email.
    public var notify: Bool?
    /// Observers: the student observed.
    public var associatedUser: CanvasRef?
    public var startAt: Date?
    public var endAt: Date?

    public init(
        user: CanvasRef, type: EnrollmentType, roleId: CanvasID? = nil, state: EnrollmentState? = nil,
        section: CanvasRef? = nil, limitPrivilegesToCourseSection: Bool? = nil, notify: Bool? = nil,
        associatedUser: CanvasRef? = nil, startAt: Date? = nil, endAt: Date? = nil
    ) {
        self.user = user
        self.type = type
        self.roleId = roleId
        self.state = state
        self.section = section
        self.limitPrivilegesToCourseSection = limitPrivilegesToCourseSection
        self.notify = notify
        self.associatedUser = associatedUser
        self.startAt = startAt
        self.endAt = endAt
    }

    func form(_ parameter: (CanvasRef) -> String) -> FormFields {
        var form = FormFields()
        form.add("enrollment[user_id]", parameter(user))
        form.add("enrollment[type]", type.rawValue)
        form.add("enrollment[role_id]", roleId)
        form.add("enrollment[enrollment_state]", state?.rawValue)
        form.add("enrollment[course_section_id]", section.map(parameter))
        form.add("enrollment[limit_privileges_to_course_section]", limitPrivilegesToCourseSection)
        form.add("enrollment[notify]", notify)
        form.add("enrollment[associated_user_id]", associatedUser.map(parameter))
        form.add("enrollment[start_at]", startAt)
        form.add("enrollment[end_at]", endAt)
        return form
    }
}

/// Filters for enrollment listings (`app/controllers/enrollments_api_controller.rb`, `index`).
public struct EnrollmentListQuery: Sendable, Equatable {
    public var types: [EnrollmentType] = []
    /// Role names (base types or custom labels); Canvas ignores `types` when set.
    public var roles: [String] = []
    /// Default: every stored state. Canvas's own default hides completed, rejected and deleted.
    public var states: [EnrollmentState] = EnrollmentState.allCases
    /// Course and section scope: only this user's enrollments.
    public var user: CanvasRef?
    public var include: [String] = []

    public init(
        types: [EnrollmentType] = [], roles: [String] = [], states: [EnrollmentState] = EnrollmentState.allCases,
        user: CanvasRef? = nil, include: [String] = []
    ) {
        self.types = types
        self.roles = roles
        self.states = states
        self.user = user
        self.include = include
    }
}

/// What `DELETE /courses/:id/enrollments/:id` does; Canvas's default (no task) is conclude.
public enum EnrollmentRemoval: String, Sendable {
    case conclude, delete, inactivate
}
