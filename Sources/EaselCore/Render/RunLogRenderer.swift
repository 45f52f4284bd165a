import Foundation

/// `easel log`: the journal's runs as a table, one run in detail, or either as JSON.
public enum RunLogRenderer {
    /// Newest first: id, when, who, commit, counts, outcome.
    public static func table(_ runs: [JournalReader.Run]) -> String {
        guard !runs.isEmpty else { return "No runs in the journal.\n" }
        let rows = runs.reversed().map { run -> [String] in
            let header = run.header
            let commit = header?.git.map { String($0.commit.prefix(8)) + ($0.dirty ? "*" : "") } ?? "-"
            let who = header.map { "\($0.actor.name) (\($0.actor.via))" } ?? "-"
            return [
                run.id, header?.startedAt ?? run.entries.first?.time ?? "-", who, commit, String(run.done), String(run.failed),
                String(run.skipped), run.outcome,
            ]
        }
        let titles = ["RUN", "STARTED (UTC)", "BY", "COMMIT", "DONE", "FAILED", "SKIPPED", "OUTCOME"]
        let widths = titles.indices.map { i in max(titles[i].count, rows.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ") + "\n"
        }
        var out = line(titles)
        for row in rows { out += line(row) }
        if runs.contains(where: { $0.header?.git?.dirty == true }) { out += "\n* the repository had uncommitted changes\n" }
        return out
    }

    /// One run: where it came from, then each operation with its outcome, in the order they ended.
    public static func detail(_ run: JournalReader.Run) -> String {
        var out = "Run \(run.id): \(run.outcome)\n"
        if let h = run.header {
            out += "  started  \(h.startedAt)" + (run.end.map { ", ended \($0.endedAt)" } ?? "") + "\n"
            var by = "\(h.actor.name) (\(h.actor.via))"
            if let url = h.actor.runUrl { by += " \(url)" }
            if let pr = h.actor.pullRequest { by += ", pull request \(pr)" }
            out += "  by       \(by)\n"
            if let git = h.git {
                out += "  commit   \(git.commit)" + (git.branch.map { " on \($0)" } ?? "") + (git.dirty ? " (uncommitted changes)" : "") + "\n"
            }
            out += "  canvas   \(h.canvasUrl) (account \(h.account))\n"
            out += "  config   \(h.configHash)\n"
            out += "  plan     \(h.planHash)" + (h.planFile.map { " (saved plan \($0))" } ?? "") + "\n"
            out += "  paths    read \(h.readVia), write \(h.writeVia); easel \(h.easelVersion)\n"
        }
        out += "  \(run.entries.count) of \(run.header?.operations ?? run.entries.count) operations ended: "
            + "\(run.done) done, \(run.failed) failed, \(run.skipped) skipped"
            + (run.end.map { $0.notStarted > 0 ? ", \($0.notStarted) not started" : "" } ?? "") + "\n\n"
        for entry in run.entries {
            let what = entry.operation.map(describe) ?? "\(entry.action) \(entry.kind) \(entry.id)"
            var line = "  \(entry.outcome.padding(toLength: 8, withPad: " ", startingAt: 0)) \(what)"
            if entry.outcome == "done", let id = entry.canvasId, entry.kind != "enrollment" { line += " (canvas \(id))" }
            if let message = entry.message, entry.outcome != "done" { line += ": \(message)" }
            out += line + "\n"
        }
        return out
    }

    /// `+ course 2026-FALL-10A-MATH`, `- conclude student S1 in C`: as the plan shows it.
    static func describe(_ op: PlanOperation) -> String {
        var text = op.action.symbol
        if let verb = PlanPresentation.verb(op.action) { text += " \(verb)" }
        return text + " " + PlanPresentation.subject(op)
    }

    /// The runs (or one) as JSON: each run's header, end and operation lines, as written.
    public static func json(_ runs: [JournalReader.Run]) -> String {
        struct Out: Encodable {
            var run: String
            var header: ApplyRun?
            var end: ApplyRunEnd?
            var outcome: String
            var operations: [ApplyJournal.Entry]
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let out = runs.reversed().map { Out(run: $0.id, header: $0.header, end: $0.end, outcome: $0.outcome, operations: $0.entries) }
        let data = (try? encoder.encode(out)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
