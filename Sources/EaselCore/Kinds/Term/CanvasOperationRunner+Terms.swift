import CanvasAPI

extension CanvasOperationRunner {
    /// Terms: `POST /accounts/:id/terms` with the SIS id, `PUT /accounts/:id/terms/:id`
    /// with the changed attributes; dates go out as UTC timestamps.
    func runTerm(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        switch op.action {
        case .create:
            let params = TermParams(
                name: op.afterString(TermAttribute.name), startAt: try op.createDate(TermAttribute.start), endAt: try op.createDate(TermAttribute.end),
                sisTermId: op.id)
            let term = try await creating(op, sisId: op.id, holder: { [client, account] in
                try await client.term(account: account, .sis(.term, op.id)).id
            }) {
                try await client.createTerm(account: account, params)
            }
            guard term.sisTermId == op.id else { throw OperationRunError.sisIdDropped(op, canvasId: term.id.rawValue) }
            return OperationOutcome(canvasId: term.id.rawValue)
        case .update:
            let params = TermParams(
                name: op.afterString(TermAttribute.name), startAt: try op.afterDate(TermAttribute.start), endAt: try op.afterDate(TermAttribute.end))
            let term = try await client.updateTerm(account: account, ownRef(op, resolved, .term), params)
            return OperationOutcome(canvasId: term.id.rawValue)
        default:
            throw OperationRunError.unsupported(op)
        }
    }
}
