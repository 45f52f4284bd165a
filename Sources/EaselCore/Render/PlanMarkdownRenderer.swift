/// The plan as a pull-request comment: the summary first, details folded per course,
/// and kept under GitHub's 65,536-character comment limit.
public struct PlanMarkdownRenderer {
    public static let commentLimit = 65_536
    /// Room kept for the footer that says the plan was summarised.
    static let budget = commentLimit - 2_000

    public init() {}

    public func render(_ plan: Plan, drift: Bool = false) -> String {
        let title = drift ? "easel drift" : "easel plan"
        var head = ""
        if plan.isEmpty {
            head += "### \(title): no changes\n\nCanvas (`\(plan.canvasUrl)`, account \(plan.account)) matches the configuration.\n"
            return head + warnings(plan)
        }
        head += "### \(title): \(plan.summary.line.dropFirst("Plan: ".count).dropLast())\n\n"
        head += "Canvas `\(plan.canvasUrl)`, account \(plan.account)\n\n"
        head += warnings(plan)
        let sections = self.sections(plan)
        let full = head + sections.map(\.detail).joined()
        if full.count <= Self.budget { return full }
        // Too long for one comment: one line per course, no lists of users.
        var short = head + "| object | changes |\n|---|---|\n"
        for section in sections {
            let row = "| \(section.title) | \(section.counts) |\n"
            if short.count + row.count > Self.budget {
                short += "| … | more changes not shown |\n"
                break
            }
            short += row
        }
        return short + "\nThe plan is too large for one comment; this is a summary. Run `easel plan` or see the saved plan for every change.\n"
    }

    private func warnings(_ plan: Plan) -> String {
        plan.warnings.isEmpty ? "" : plan.warnings.map { "> **Warning:** \($0)\n" }.joined() + "\n"
    }

    private struct Section {
        var title: String
        var counts: String
        var detail: String
    }

    /// Terms, users and other objects in one section each; enrollments folded per course.
    private func sections(_ plan: Plan) -> [Section] {
        var order: [String] = []
        var byKey: [String: [PlanOperation]] = [:]
        for op in plan.operations {
            let key = op.kind == .enrollment || op.kind == .section ? "course \(op.course ?? "?")" : "\(op.kind.rawValue) \(op.id)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(op)
        }
        return order.map { key in
            let ops = byKey[key]!
            var tally: [String: Int] = [:]
            for op in ops { tally[op.action.symbol, default: 0] += 1 }
            let counts = ["+", "~", "↻", "-/+", "-"].compactMap { s in tally[s].map { "\(s)\($0)" } }.joined(separator: " ")
            var lines = ""
            for op in ops {
                let symbol = diffSymbol(op.action) == "!" ? "! \(op.action.symbol)" : diffSymbol(op.action)
                lines += "\(symbol) \(PlanPresentation.verb(op.action).map { "\($0) " } ?? "")\(PlanPresentation.subject(op))"
                for (name, before, after) in PlanPresentation.attributes(op) {
                    lines += "\n    \(name): \(PlanPresentation.change(before, after))"
                }
                if let reason = op.reason { lines += "\n    # \(reason)" }
                lines += "\n"
            }
            let detail = "<details><summary><code>\(key)</code> \(counts)</summary>\n\n```diff\n\(lines)```\n</details>\n\n"
            return Section(title: "`\(key)`", counts: counts, detail: detail)
        }
    }

    /// GitHub colours `diff` blocks by the first character: + green, - red, ! orange.
    private func diffSymbol(_ action: PlanOperation.Action) -> String {
        switch action {
        case .create: "+"
        case .conclude, .inactivate, .delete: "-"
        default: "!"
        }
    }
}
