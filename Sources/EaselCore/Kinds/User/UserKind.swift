/// Users (`app/controllers/users_controller.rb`): created with a login, updated, revived; never
/// deleted by easel.
enum UserKind: ResourceKind {
    typealias Attribute = UserAttribute

    static func plan(_ builder: PlanDraft) { builder.planUsers() }

    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues { view.userValues(op) }

    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    {
        try await runner.runUser(op, resolved)
    }

    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String? { SISExpressibility.userReason(op, context) }

    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]] { [builder.userRow(op)] }
}

extension LiveView {
    func userValues(_ op: PlanOperation) -> PlanValues {
        guard let u = index.user(op.id) else { return LiveView.missing }
        return PlanValues([
            UserAttribute.exists: .bool(!u.isDeleted), .state: .string(u.workflowState), .name: .string(u.name),
            .sortableName: PlanValue(u.sortableName), .email: PlanValue(u.email), .login: PlanValue(u.login),
        ])
    }
}

extension SISExpressibility {
    static func userReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard context.userKey == .sisId else { return "users are keyed by login (policy.user_key: login)" }
        switch op.action {
        case .create:
            return op.afterString(UserAttribute.login) == nil ? "it has no login" : nil
        case .update:
            if op.sets(UserAttribute.login) { return "it changes the login" }
            guard let live = context.user(op.id), live.login != nil else { return "the user's live login is not known" }
            return nil
        default:
            return "a SIS import cannot \(op.action.rawValue) a user"
        }
    }
}

extension SISCSVBuilder {
    func userRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : context.user(op.id)
        var row: [String?] = [
            op.afterString(UserAttribute.sisId) ?? op.id, op.afterString(UserAttribute.login) ?? live?.login,
            op.afterString(UserAttribute.name) ?? live?.name, op.afterString(UserAttribute.sortableName), op.afterString(UserAttribute.email), "active",
        ]
        if let provider = op.afterString(UserAttribute.authProvider) { row.append(provider) }
        return row
    }
}
