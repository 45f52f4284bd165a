/// Courses (`app/controllers/courses_controller.rb`): matched by SIS id or adopted by `canvas_id`;
/// created, updated, revived, concluded by `prune_courses`.
enum CourseKind: ResourceKind {
    typealias Attribute = CourseAttribute

    static func plan(_ builder: PlanDraft) { builder.planCourses() }

    static func planRemovals(_ builder: PlanDraft) { builder.planPrune() }

    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues { view.courseValues(op) }

    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    {
        try await runner.runCourse(op, resolved)
    }

    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String? { SISExpressibility.courseReason(op, context) }

    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]] { [builder.courseRow(op)] }
}

extension LiveView {
    func courseValues(_ op: PlanOperation) -> PlanValues {
        guard let c = op.action == .adopt ? op.canvasId.flatMap({ coursesByCanvasId[$0] }) : courses[op.id] else {
            return LiveView.missing
        }
        let termSis = c.termCanvasId.flatMap { id in live.terms.first { $0.canvasId == id }?.sisId }
        let account = c.accountCanvasId.flatMap { id in live.subAccounts.first { $0.canvasId == id }?.sisId.map { "sis_account_id:\($0)" } } ?? c.accountCanvasId
        return PlanValues([
            CourseAttribute.exists: .bool(!c.isDeleted), .state: .string(c.workflowState), .sisId: PlanValue(c.sisId),
            .name: .string(c.name), .code: .string(c.code), .published: .bool(c.workflowState == "available"),
            .term: termSis.map { .string($0) } ?? c.termCanvasId.map { .string("canvas:\($0)") } ?? .null,
            .account: PlanValue(account),
            .start: c.restrictToDates ? PlanValue(c.start) : .null, .end: c.restrictToDates ? PlanValue(c.end) : .null,
        ])
    }
}

extension SISExpressibility {
    static func courseReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        if let account = op.afterString(CourseAttribute.account), context.accountColumn(account) == nil {
            return "its account '\(account)' has no SIS id"
        }
        switch op.action {
        case .create:
            return nil
        case .update, .conclude, .delete:
            guard context.course(op.id) != nil else { return "the course's live values are not known" }
            if op.afterBool(CourseAttribute.published) == false { return "a SIS import cannot unpublish a course" }
            // A blank account_id leaves an existing course where it is (Canvas's importer sets
            // the account only when the column names one), so a move to the root is the API's.
            if let account = op.afterString(CourseAttribute.account), case .some(.none) = context.accountColumn(account) {
                return "a SIS import cannot move a course back to the root account"
            }
            if op.sets(CourseAttribute.sisId) { return "it sets a SIS id" }
            return nil
        case .adopt:
            return "it is mapped by canvas_id and has no SIS id yet"
        default:
            return "a SIS import cannot \(op.action.rawValue) a course"
        }
    }
}

extension SISCSVBuilder {
    func courseRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : context.course(op.id)
        let status: String =
            switch op.action {
            case .conclude: "completed"
            case .delete: "deleted"
            default:
                switch op.afterBool(CourseAttribute.published) {
                case true?: "published"
                case false?, nil:
                    // An update restates the live state: `active` would re-open a concluded course.
                    switch live?.workflowState {
                    case "available": "published"
                    case "completed": "completed"
                    default: "active"
                    }
                }
            }
        var start: String?, end: String?
        if op.sets(CourseAttribute.start) || op.sets(CourseAttribute.end) {
            // Blank keeps a course date. The plan names only the side that changes; when the
            // course did not restrict enrollments to its dates yet, the stored other side
            // (which the plan read as none) would start to count, so it is cleared (as the API path does).
            let clearOther = op.action != .create && !(live?.restrictToDates ?? false)
            start = courseDate(op, .start, clearOther: clearOther)
            end = courseDate(op, .end, clearOther: clearOther)
        }
        let account = op.afterString(CourseAttribute.account).flatMap { context.accountColumn($0) } ?? nil
        return [
            op.id, op.afterString(CourseAttribute.code) ?? live?.code, op.afterString(CourseAttribute.name) ?? live?.name, account,
            op.afterString(CourseAttribute.term), status, start, end,
        ]
    }
    func courseDate(_ op: PlanOperation, _ key: CourseAttribute, clearOther: Bool) -> String? {
        guard let value = op.after?[key] else { return clearOther ? "<delete>" : nil }
        guard let text = value.string else { return op.action == .create ? nil : "<delete>" }
        return Self.timestamp(text)
    }
}
