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






extension LiveRole {
    /// nil for account-level and built-in roles: only custom course roles are listed.
    init?(_ role: CanvasRole) {
        guard role.workflowState != "built_in", let type = role.baseRoleType, let base = BaseRole(enrollmentType: type)
        else { return nil }
        self.init(canvasId: role.id.rawValue, label: role.label ?? role.role ?? "", base: base)
    }
}
