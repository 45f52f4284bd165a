import CanvasAPI
import Foundation

// Canvas's objects as the planner sees them. Every mapping choice that could make a plan
// after a successful apply non-empty lives here, next to the reason for it.

extension ConfigDate {
    /// A Canvas timestamp as the instant it names; midnight UTC reads as a bare date, the
    /// form a config writes it in (`2026-09-01`), so the plan compares like with like.
    init(canvas date: Date) {
        self.init(epochSeconds: Int64(date.timeIntervalSince1970.rounded()), isDateOnly: true)
    }

    /// The instant as a Foundation date, for request parameters.
    var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}

extension LiveAccount {
    init(_ account: CanvasAccount) {
        self.init(canvasId: account.id.rawValue, sisId: account.sisAccountId, isRoot: account.parentAccountId == nil)
    }
}

extension LiveTerm {
    init(_ term: CanvasTerm) {
        self.init(
            canvasId: term.id.rawValue, sisId: term.sisTermId, name: term.name ?? "",
            start: term.startAt.map(ConfigDate.init(canvas:)), end: term.endAt.map(ConfigDate.init(canvas:)),
            workflowState: term.workflowState ?? "active")
    }
}

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

extension LiveUser {
    /// `key` is what the user was found by; Canvas's user object shows one login only, so
    /// for a user with several logins the key (not that login) is the one that counts.
    init(_ user: CanvasUser, foundBy key: String? = nil, userKey: Policy.UserKey) {
        var sisId = user.sisUserId
        var login = user.loginId
        if let key {
            switch userKey {
            case .sisId: sisId = key
            case .login: if login?.lowercased() != key.lowercased() { login = key }
            }
        }
        self.init(
            canvasId: user.id.rawValue, sisId: sisId, login: login, name: user.name ?? "",
            sortableName: user.sortableName, email: user.email)
    }
}

extension LiveRole {
    /// nil for account-level and built-in roles: only custom course roles are listed.
    init?(_ role: CanvasRole) {
        guard role.workflowState != "built_in", let type = role.baseRoleType, let base = BaseRole(enrollmentType: type)
        else { return nil }
        self.init(canvasId: role.id.rawValue, label: role.label ?? role.role ?? "", base: base)
    }
}
