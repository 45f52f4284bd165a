extension PlanDraft {
    func planTerms() {
        if !live.account.isRoot, !config.terms.isEmpty {
            problems.append(
                "terms belong to the root account, but canvas.account '\(config.canvas.account)' is a sub-account: "
                    + "set canvas.account to the root account and give courses their sub-account with 'account'")
            return
        }
        for term in config.terms {
            let address = "term:\(term.id)"
            guard let liveTerm = liveTerms[term.id] else {
                var op = PlanOperation(address: address, action: .create, kind: .term, id: term.id)
                op.after = PlanValues([TermAttribute.name: .string(term.name), .start: PlanValue(term.start), .end: PlanValue(term.end)])
                op.expect = PlanValues([TermAttribute.exists: .bool(false)])
                add(op)
                continue
            }
            if liveTerm.isDeleted {
                problems.append(
                    "term '\(term.id)' was deleted in Canvas but still holds its SIS id, and Canvas has no API to revive a term: "
                        + "restore it in Canvas (or through a SIS import with status active), or give the term a new id")
                continue
            }
            guard let (before, after) = PlanOperation.diff([
                (TermAttribute.name, .string(liveTerm.name), .string(term.name)),
                (.start, PlanValue(liveTerm.start), term.start.map { PlanValue($0) } ?? PlanValue(liveTerm.start)),
                (.end, PlanValue(liveTerm.end), term.end.map { PlanValue($0) } ?? PlanValue(liveTerm.end)),
            ]) else { continue }
            var op = PlanOperation(address: address, action: .update, kind: .term, id: term.id)
            op.canvasId = liveTerm.canvasId
            (op.before, op.after, op.expect) = (before, after, before)
            add(op)
        }
    }
}
