/// What turning operations into SIS rows needs besides the operations: the plan's policy
/// and the live values of the attributes an operation leaves alone.
///
/// A SIS CSV row restates an object (a course row needs its name and code even when only
/// its dates change; a blank term or section date clears it), while a plan operation
/// carries only what changes. The live state that the plan (or, for a saved plan, the
/// pre-apply check) just read fills in the rest, so the SIS path costs no extra reads.
public struct SISContext: Sendable {
    public var userKey: Policy.UserKey
    /// `policy.notify`: sent as the enrollments' `notify` column.
    public var notify: Bool
    let live: LiveState
    let view: LiveView

    public init(plan: Plan, live: LiveState) {
        userKey = plan.userKey
        notify = plan.notify
        self.live = live
        view = LiveView(live, userKey: plan.userKey)
    }

    /// SIS imports run on root accounts only (`app/controllers/sis_imports_api_controller.rb`).
    public var accountIsRoot: Bool { live.account.isRoot }

    func term(_ sisId: String) -> LiveTerm? { view.terms[sisId] }

    func course(_ sisId: String) -> LiveCourse? { view.courses[sisId] }

    func user(_ key: String) -> LiveUser? { view.users[userKey == .login ? key.lowercased() : key] }

    func section(_ sisId: String, in course: String) -> LiveSection? {
        self.course(course)?.sections.first { $0.sisId == sisId }
    }

    /// The `account_id` column for a plan's account value (`1`, `sis_account_id:HS`): blank
    /// for the root account, the SIS id for a sub-account; nil when the account has no SIS
    /// id, which a CSV cannot name.
    func accountColumn(_ value: String) -> String?? {
        if value == live.account.canvasId || (live.account.sisId.map { value == "sis_account_id:\($0)" } ?? false) {
            return .some(nil)
        }
        if value.hasPrefix("sis_account_id:") { return .some(String(value.dropFirst("sis_account_id:".count))) }
        if let sub = live.subAccounts.first(where: { $0.canvasId == value }), let sis = sub.sisId { return .some(sis) }
        return nil
    }

    /// Whether an enrollment in `course` that the plan places in no SIS section surely sits
    /// in the default section: a CSV row without `section_id` means the default section,
    /// so a course with other sections lacking a SIS id keeps its enrollments on the API.
    func defaultSectionIsUnambiguous(course: String) -> Bool {
        guard let live = self.course(course) else { return true }  // made by this plan: only the default section
        return live.sections.filter { $0.sisId == nil }.count <= 1
    }
}
