/// The plan as a terminal shows it, in the spirit of `terraform plan`.
public struct PlanTextRenderer {
    public var detailFull = false
    public var color = false
    /// How many user ids a grouped line lists before "and N more".
    public var listedIds = 8

    public init(detailFull: Bool = false, color: Bool = false) {
        self.detailFull = detailFull
        self.color = color
    }

    public func render(_ plan: Plan, drift: Bool = false) -> String {
        var out = "Canvas: \(plan.canvasUrl) (account \(plan.account))\n\n"
        if plan.isEmpty {
            for warning in plan.warnings { out += "Warning: \(warning)\n" }
            return out + "No changes. Canvas matches the configuration.\n"
        }
        out += drift ? "Canvas has drifted from the configuration:\n\n" : "easel will make these changes:\n\n"
        for item in PlanPresentation(plan, detailFull: detailFull).items {
            switch item {
            case .single(let op): out += single(op)
            case .group(let action, let role, let course, let ops): out += group(action, role, course, ops)
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        out += "\nSymbols: \(PlanPresentation.legend(plan))\n"
        for warning in plan.warnings { out += "Warning: \(warning)\n" }
        return out + "\n" + bold(plan.summary.line) + "\n"
    }

    private func single(_ op: PlanOperation) -> String {
        var line = "  \(paint(op.action.symbol, op.action))"
        if let verb = PlanPresentation.verb(op.action) { line += " \(verb)" }
        line += " \(PlanPresentation.subject(op))"
        if let canvasId = op.canvasId, op.kind != .enrollment { line += " (canvas \(canvasId))" }
        var out = line + "\n"
        if let reason = op.reason { out += "      # \(reason)\n" }
        let attributes = PlanPresentation.attributes(op)
        let width = attributes.map(\.name.count).max() ?? 0
        for (name, before, after) in attributes {
            let padded = name + ":" + String(repeating: " ", count: width - name.count)
            out += "      \(padded) \(PlanPresentation.change(before, after))\n"
        }
        return out + (attributes.isEmpty && op.reason == nil ? "" : "\n")
    }

    private func group(_ action: PlanOperation.Action, _ role: String, _ course: String, _ ops: [PlanOperation]) -> String {
        var line = "  \(paint(action.symbol, action))"
        if let verb = PlanPresentation.verb(action) { line += " \(verb)" }
        line += " \(ops.count) \(PlanPresentation.plural(role, ops.count)) in \(course)"
        let users = ops.map { op in op.user.map { $0 + (op.section.map { " (\($0))" } ?? "") } ?? "?" }
        var out = line + ": " + users.listed(max: listedIds) + "\n"
        let reasons = Set(ops.compactMap(\.reason))
        if reasons.count == 1, let reason = reasons.first, action != .create { out += "      # \(reason)\n" }
        return out
    }

    private func paint(_ text: String, _ action: PlanOperation.Action) -> String {
        guard color else { return text }
        let code =
            switch action {
            case .create: "32"
            case .update, .adopt: "33"
            case .reactivate: "36"
            case .replace: "35"
            case .conclude, .inactivate, .delete: "31"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
