/// Terms (`app/controllers/terms_api_controller.rb`): created and updated in the root account;
/// Canvas has no API to revive a deleted one, so a deleted term holding a declared id is a plan error.
enum TermKind: ResourceKind {
    typealias Attribute = TermAttribute

    static func plan(_ builder: PlanDraft) { builder.planTerms() }

    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues { view.termValues(op) }

    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    {
        try await runner.runTerm(op, resolved)
    }

    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String? { SISExpressibility.termReason(op, context) }

    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]] { [builder.termRow(op)] }
}

extension LiveView {
    func termValues(_ op: PlanOperation) -> PlanValues {
        guard let t = terms[op.id] else { return LiveView.missing }
        return PlanValues([
            TermAttribute.exists: .bool(!t.isDeleted), .state: .string(t.workflowState), .name: .string(t.name),
            .start: PlanValue(t.start), .end: PlanValue(t.end),
        ])
    }
}

extension SISExpressibility {
    static func termReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        switch op.action {
        case .create: return nil
        case .update: return context.term(op.id) == nil ? "the term's live values are not known" : nil
        default: return "a SIS import cannot \(op.action.rawValue) a term"
        }
    }
}

extension SISCSVBuilder {
    func termRow(_ op: PlanOperation) -> [String?] {
        let live = context.term(op.id)
        return [
            op.id, op.afterString(TermAttribute.name) ?? live?.name, "active",
            date(op, TermAttribute.start, else: live?.start), date(op, TermAttribute.end, else: live?.end),
        ]
    }
}
