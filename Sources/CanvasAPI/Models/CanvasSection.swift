import Foundation

/// A course section (`app/controllers/sections_controller.rb`).
public struct CanvasSection: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var name: String?
    public var sisSectionId: String?
    public var integrationId: String?
    /// The current course; after cross-listing, the new one.
    public var courseId: CanvasID?
    public var sisCourseId: String?
    public var nonxlistCourseId: CanvasID?
    public var startAt: Date?
    public var endAt: Date?
    public var restrictEnrollmentsToSectionDates: Bool?
    public var totalStudents: Int?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}

/// Attributes to create or update a section with; nil fields are not sent.
public struct SectionParams: Sendable, Equatable {
    public var name: String?
    /// Needs `manage_sis`: ignored on create without it, 401 on update.
    public var sisSectionId: String?
    public var integrationId: String?
    public var startAt: Date??
    public var endAt: Date??
    public var restrictEnrollmentsToSectionDates: Bool?

    public init(
        name: String? = nil, sisSectionId: String? = nil, integrationId: String? = nil, startAt: Date?? = nil,
        endAt: Date?? = nil, restrictEnrollmentsToSectionDates: Bool? = nil
    ) {
        self.name = name
        self.sisSectionId = sisSectionId
        self.integrationId = integrationId
        self.startAt = startAt
        self.endAt = endAt
        self.restrictEnrollmentsToSectionDates = restrictEnrollmentsToSectionDates
    }

    var form: FormFields {
        var form = FormFields()
        form.add("course_section[name]", name)
        form.add("course_section[sis_section_id]", sisSectionId)
        form.add("course_section[integration_id]", integrationId)
        form.add("course_section[start_at]", startAt)
        form.add("course_section[end_at]", endAt)
        form.add("course_section[restrict_enrollments_to_section_dates]", restrictEnrollmentsToSectionDates)
        return form
    }
}
