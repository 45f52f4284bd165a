/// Enrollments (`app/controllers/enrollments_api_controller.rb`): created, reactivated, replaced
/// when the section or role changes, and withdrawn as `policy.withdraw` says.
enum EnrollmentKind: ResourceKind {
    typealias Attribute = EnrollmentAttribute

    static func plan(_ builder: PlanDraft) { builder.planEnrollments() }

    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues { view.enrollmentValues(op) }

    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    {
        try await runner.runEnrollment(op, resolved)
    }

    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String? { SISExpressibility.enrollmentReason(op, context) }

    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]] { builder.enrollmentRows(op) }

    /// `student S1001 in 2026F-MATH101-A section A observing S1002`.
    static func subject(_ op: PlanOperation) -> String {
        var text = "\(op.role ?? "?") \(op.user ?? "?") in \(op.course ?? "?")"
        if let section = op.section, op.action != .replace { text += " section \(section)" }
        if let observing = op.observing { text += " observing \(observing)" }
        return text
    }
}

extension LiveView {
    func enrollmentValues(_ op: PlanOperation) -> PlanValues {
        guard let c = op.course.flatMap({ courses[$0] }) else { return LiveView.missing }
        if let id = op.canvasId, let e = c.enrollments.first(where: { $0.canvasId == id }) {
            return PlanValues([EnrollmentAttribute.exists: .bool(true), .state: .string(e.state)])
        }
        // A create expects no enrollment of that user, role and section on the roster.
        let userId = op.user.flatMap { users[userKey == .login ? $0.lowercased() : $0]?.canvasId }
        let sectionId = op.section.flatMap { s in c.sections.first { $0.sisId == s }?.canvasId }
        let enrolled = c.enrollments.contains { e in
            e.isEnrolled && e.userCanvasId == userId && e.role == op.role
                && (sectionId == nil ? c.sections.first { $0.canvasId == e.sectionCanvasId }?.sisId == nil : e.sectionCanvasId == sectionId)
        }
        return PlanValues([EnrollmentAttribute.exists: .bool(enrolled)])
    }
}

extension SISExpressibility {
    static func enrollmentReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard context.userKey == .sisId else { return "users are keyed by login (policy.user_key: login)" }
        guard let course = op.course, op.user != nil, op.role != nil else { return "its course, user or role is not known" }
        for user in [op.user, op.observing].compactMap({ $0 }) where user.hasPrefix("canvas:") {
            return "user \(user) has no SIS id"
        }
        if op.action == .adopt { return "a SIS import cannot adopt an enrollment" }
        // Rows that name an existing enrollment by its (user, role, section) must find that one.
        let existing = op.action != .create
        if existing, (op.section == nil || op.previousSection == nil), !context.defaultSectionIsUnambiguous(course: course) {
            return "course '\(course)' has several sections without a SIS id"
        }
        return nil
    }
}

extension SISCSVBuilder {
    func enrollmentRows(_ op: PlanOperation) -> [[String?]] {
        let wanted = op.afterString(EnrollmentAttribute.state) == "inactive" ? "inactive" : "active"
        let status: String =
            switch op.action {
            case .conclude: "completed"
            case .inactivate: "inactive"
            case .delete: "deleted"
            default: wanted
            }
        var rows = [enrollmentRow(op, role: op.role, section: op.section, status: status)]
        if op.action == .replace {
            // The enrollment it replaces: same user, the role or section it had.
            rows.append(enrollmentRow(op, role: op.previousRole, section: op.previousSection, status: "deleted"))
        }
        return rows
    }
    func enrollmentRow(_ op: PlanOperation, role: String?, section: String?, status: String) -> [String?] {
        var row: [String?] = [op.course, section, op.user, role, status, op.observing]
        if context.notify { row.append("true") }
        return row
    }
}
