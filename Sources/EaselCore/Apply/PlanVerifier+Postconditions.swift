extension PlanVerifier {
    /// What of `operations` (already carried out) Canvas does not show, by address: a saved
    /// plan's re-check after a SIS import. It reads only what those operations touch.
    public func notTaken(_ operations: [PlanOperation], of plan: Plan) async throws -> [String: String] {
        var part = plan
        part.operations = operations
        let live = try await reader.read(Self.scope(of: part))
        let view = LiveView(live, userKey: plan.userKey)
        var found: [String: String] = [:]
        for op in operations {
            if let problem = Self.postcondition(op, view) { found[op.address] = problem }
        }
        return found
    }

    /// nil when live Canvas shows what `op` does; else what differs.
    static func postcondition(_ op: PlanOperation, _ view: LiveView) -> String? {
        let live = view.values(for: op)
        let exists = live[CommonAttribute.exists]?.bool ?? false
        let state = live[CommonAttribute.state]?.string
        switch (op.kind, op.action) {
        case (.course, .conclude), (.enrollment, .conclude):
            return state == "completed" ? nil : "canvas shows it \(state ?? "missing"), not concluded"
        case (.course, .delete), (.section, .delete):
            return exists ? "canvas still shows it" : nil
        case (.enrollment, .delete):
            return state == nil || state == "deleted" ? nil : "canvas shows it \(state!), not deleted"
        case (.enrollment, .inactivate):
            return state == "inactive" ? nil : "canvas shows it \(state ?? "missing"), not inactive"
        case (.enrollment, _):
            let wanted = op.after?[EnrollmentAttribute.state]?.string ?? "active"
            if op.action == .replace {
                // The old row (the operation's Canvas id) goes; the new one shows as enrolled.
                var new = op
                new.canvasId = nil
                let enrolled = view.values(for: new)[CommonAttribute.exists]?.bool ?? false
                if state != nil, state != "deleted" { return "the enrollment it replaces is \(state!), not deleted" }
                return wanted == "active" && !enrolled ? "canvas shows no enrollment in the new role or section" : nil
            }
            if let state {
                let ok = wanted == "inactive" ? state == "inactive" : ["active", "invited", "creation_pending"].contains(state)
                return ok ? nil : "canvas shows it \(state), not \(wanted)"
            }
            return wanted == "active" && !exists ? "canvas shows no such enrollment" : nil
        default:
            guard exists else { return "canvas does not show it" }
            var differing: [String] = []
            for (key, wanted) in (op.after ?? [:]).sorted(by: { $0.key < $1.key }) where key != CourseAttribute.account.rawValue {
                guard let actual = live[key] else { continue }
                if actual != wanted { differing.append("\(key) is \(actual), not \(wanted)") }
            }
            return differing.isEmpty ? nil : "canvas shows " + differing.joined(separator: ", ")
        }
    }
}
