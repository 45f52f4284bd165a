import Foundation

/// A course (`lib/api/v1/course.rb`).
public struct CanvasCourse: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var name: String?
    public var courseCode: String?
    public var sisCourseId: String?
    public var integrationId: String?
    /// `unpublished`, `available`, `completed` or `deleted`.
    public var workflowState: String?
    public var accountId: CanvasID?
    public var rootAccountId: CanvasID?
    public var enrollmentTermId: CanvasID?
    public var startAt: Date?
    public var endAt: Date?
    public var restrictEnrollmentsToCourseDates: Bool?
    public var timeZone: String?
    public var defaultView: String?
    public var license: String?
    public var isPublic: Bool?
    public var courseFormat: String?
    public var blueprint: Bool?
    public var totalStudents: Int?
    /// With `include[]=term`.
    public var term: CanvasTerm?
    /// With `include[]=concluded`.
    public var concluded: Bool?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}

/// Attributes to create or update a course with; nil fields are not sent.
///
/// Canvas drops `startAt`/`endAt` on create unless `restrictEnrollmentsToCourseDates` is
/// true in the same request, and an update of a term-dated course nulls `end_at`
/// (`app/controllers/courses_controller.rb`, `create` and `update`): the caller decides and sends that flag.
public struct CourseParams: Sendable, Equatable {
    public var name: String?
    public var courseCode: String?
    public var startAt: Date??
    public var endAt: Date??
    public var restrictEnrollmentsToCourseDates: Bool?
    /// Term id or `sis_term_id:X`, looked up in the root account.
    public var term: CanvasRef?
    /// Needs `manage_sis` (silently ignored otherwise); empty string clears it.
    public var sisCourseId: String?
    public var integrationId: String?
    /// Moves the course to another (sub-)account.
    public var account: CanvasRef?
    public var timeZone: String?
    public var license: String?
    public var isPublic: Bool?
    public var defaultView: String?
    public var courseFormat: String?
    /// Update only: `claim`, `offer`, `conclude`, `delete`, `undelete`.
    public var event: CourseEvent?

    public init(
        name: String? = nil, courseCode: String? = nil, startAt: Date?? = nil, endAt: Date?? = nil,
        restrictEnrollmentsToCourseDates: Bool? = nil, term: CanvasRef? = nil, sisCourseId: String? = nil,
        integrationId: String? = nil, account: CanvasRef? = nil, timeZone: String? = nil, license: String? = nil,
        isPublic: Bool? = nil, defaultView: String? = nil, courseFormat: String? = nil, event: CourseEvent? = nil
    ) {
        self.name = name
        self.courseCode = courseCode
        self.startAt = startAt
        self.endAt = endAt
        self.restrictEnrollmentsToCourseDates = restrictEnrollmentsToCourseDates
        self.term = term
        self.sisCourseId = sisCourseId
        self.integrationId = integrationId
        self.account = account
        self.timeZone = timeZone
        self.license = license
        self.isPublic = isPublic
        self.defaultView = defaultView
        self.courseFormat = courseFormat
        self.event = event
    }

    func form(_ parameter: (CanvasRef) -> String) -> FormFields {
        var form = FormFields()
        form.add("course[name]", name)
        form.add("course[course_code]", courseCode)
        form.add("course[start_at]", startAt)
        form.add("course[end_at]", endAt)
        form.add("course[restrict_enrollments_to_course_dates]", restrictEnrollmentsToCourseDates)
        form.add("course[term_id]", term.map(parameter))
        form.add("course[sis_course_id]", sisCourseId)
        form.add("course[integration_id]", integrationId)
        form.add("course[account_id]", account.map(parameter))
        form.add("course[time_zone]", timeZone)
        form.add("course[license]", license)
        form.add("course[is_public]", isPublic)
        form.add("course[default_view]", defaultView)
        form.add("course[course_format]", courseFormat)
        form.add("course[event]", event?.rawValue)
        return form
    }
}

/// `course[event]` values for `PUT /courses/:id`.
public enum CourseEvent: String, Sendable, Equatable {
    case claim, offer, conclude, delete, undelete
}

/// Raw course states for the account listing's `state[]` (not the object's vocabulary).
public enum CourseListState: String, Sendable, CaseIterable {
    case created, claimed, available, completed, deleted, all
}

/// Filters for `GET /accounts/:id/courses` (`app/controllers/accounts_controller.rb`, `courses_api`).
public struct CourseListQuery: Sendable, Equatable {
    public var term: CanvasRef?
    /// Empty: Canvas's default, everything but deleted.
    public var states: [CourseListState] = []
    public var include: [String] = []
    public var searchTerm: String?
    public var withEnrollments: Bool?
    public var published: Bool?

    public init(
        term: CanvasRef? = nil, states: [CourseListState] = [], include: [String] = [], searchTerm: String? = nil,
        withEnrollments: Bool? = nil, published: Bool? = nil
    ) {
        self.term = term
        self.states = states
        self.include = include
        self.searchTerm = searchTerm
        self.withEnrollments = withEnrollments
        self.published = published
    }
}
