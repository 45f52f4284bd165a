import Foundation

/// An enrollment term (`app/controllers/terms_api_controller.rb`, `terms_controller.rb`). Terms belong to root accounts only.
public struct CanvasTerm: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var name: String?
    public var sisTermId: String?
    public var startAt: Date?
    public var endAt: Date?
    /// `active` or `deleted`.
    public var workflowState: String?
    /// Per enrollment type (`StudentEnrollment`, …) date overrides.
    public var overrides: [String: TermDates]?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }

    public struct TermDates: Codable, Sendable, Equatable {
        public var startAt: Date?
        public var endAt: Date?

        public init(startAt: Date? = nil, endAt: Date? = nil) {
            self.startAt = startAt
            self.endAt = endAt
        }
    }
}

/// Attributes to create or update a term with; nil fields are not sent.
public struct TermParams: Sendable, Equatable {
    public var name: String?
    /// `.some(nil)` clears the date.
    public var startAt: Date??
    public var endAt: Date??
    /// Needs `manage_sis`; an empty string clears it.
    public var sisTermId: String?
    /// Both sides are always sent: an omitted side becomes null in Canvas (`app/controllers/terms_controller.rb`).
    public var overrides: [EnrollmentType: CanvasTerm.TermDates] = [:]

    public init(
        name: String? = nil, startAt: Date?? = nil, endAt: Date?? = nil, sisTermId: String? = nil,
        overrides: [EnrollmentType: CanvasTerm.TermDates] = [:]
    ) {
        self.name = name
        self.startAt = startAt
        self.endAt = endAt
        self.sisTermId = sisTermId
        self.overrides = overrides
    }

    var form: FormFields {
        var form = FormFields()
        form.add("enrollment_term[name]", name)
        form.add("enrollment_term[start_at]", startAt)
        form.add("enrollment_term[end_at]", endAt)
        form.add("enrollment_term[sis_term_id]", sisTermId)
        for (type, dates) in overrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            form.add("enrollment_term[overrides][\(type.rawValue)][start_at]", .some(dates.startAt))
            form.add("enrollment_term[overrides][\(type.rawValue)][end_at]", .some(dates.endAt))
        }
        return form
    }
}
