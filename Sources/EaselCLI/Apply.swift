import ArgumentParser
import CanvasAPI
import EaselCore
import Foundation

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the changes a plan shows: plan the config and ask, or carry out a saved plan.")

    @OptionGroup var config: ConfigArgument
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var reading: ReadOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Carry out this saved plan (from 'easel plan --out') instead of planning the config.")
    var plan: String?

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Option(help: "Operations in flight at most (default: adapted to Canvas's rate limit, up to 8).")
    var parallelism: Int?

    @Option(help: "Where to append the record of what was applied (default: .easel/journal.jsonl beside the config).")
    var journal: String?

    @Flag(help: "Apply even when the plan withdraws more enrollments than policy.max_withdraw allows.")
    var allowMassWithdraw = false

    @Option(help: ArgumentHelp(
        "How to write: api, sis-import (one Canvas SIS import for what it can carry, the API for the rest), or auto.",
        discussion: "auto takes the SIS import when the account is a root account and at least --sis-threshold "
            + "operations can go through it; else the API."))
    var via: ApplyVia = .auto

    @Option(help: "With --via auto: the fewest SIS-expressible operations for which a SIS import is used.")
    var sisThreshold = ApplyPath.defaultThreshold

    func validate() throws {
        if let parallelism, parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
        if sisThreshold < 1 { throw ValidationError("--sis-threshold must be at least 1") }
        if plan != nil, config.config != nil {
            throw ValidationError("give either a CONFIG or --plan PLAN, not both")
        }
    }

    func run() async throws {
        let console = Console.current
        if let path = plan {
            try await applySaved(path, console)
        } else {
            try await applyConfig(console)
        }
    }

    private func applyConfig(_ console: Console) async throws {
        let (config, loaded) = try self.config.load(console, noColor: global.noColor)
        let url = try connection.url(config, console)
        let options = PlanOptions(allowMassWithdraw: allowMassWithdraw, now: nowDate())
        let planning = Planning(console: console, connection: connection, options: options, readVia: reading.readVia)
        try await connection.withClient(url: url, console: console, parallelism: parallelism) { client in
            let (plan, live) = try await planning.planWithLive(config, loaded, client: client, url: url)
            console.out.write(PlanTextRenderer(color: console.colorEnabled(for: console.out, noColor: global.noColor)).render(plan))
            if plan.isEmpty { return }
            if via == .sisImport, !live.account.isRoot {
                // Said before asking, not after a "yes" that could not be honoured.
                console.err.line("error: \(ApplyPathError.needsRootAccount)")
                throw CommandExit.failure
            }
            try confirm(console)
            let configPath = self.config.config ?? ConfigLoader.defaultPath() ?? "."
            // After a SIS import: plan again, and what the import should have done but is still planned did not take.
            let verify: @Sendable ([PlanOperation]) async throws -> [String: String] = { imported in
                console.err.line("checking the SIS import: planning again")
                let again = try await planning.plan(config, loaded, client: client, url: url)
                let left = Dictionary(again.operations.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
                return Dictionary(uniqueKeysWithValues: imported.compactMap { op in
                    left[op.address].map { (op.address, "a new plan still shows it: \($0.action.rawValue) \($0.changedAttributes.joined(separator: ", "))") }
                })
            }
            try await execute(
                plan, live: live, verify: verify, client: client, console: console,
                journalPath: journal ?? ApplyJournal.defaultPath(forConfig: configPath))
        }
    }

    private func applySaved(_ path: String, _ console: Console) async throws {
        let saved = try loadSavedPlan(path, console)
        let url = connection.canvasUrl ?? console.environment["CANVAS_URL"] ?? saved.canvasUrl
        guard url == saved.canvasUrl else {
            console.err.line("error: the plan was made for \(saved.canvasUrl), not \(url): make a new plan for this Canvas")
            throw CommandExit.failure
        }
        try await connection.withClient(url: url, console: console, parallelism: parallelism) { client in
            let verifier = PlanVerifier(reader: ReadPathReader(path: reading.readVia, api: CanvasLiveReader(client: client)))
            let (moved, live) = try await verifier.check(saved)
            guard moved.isEmpty else {
                console.err.line("error: live Canvas has changed since the plan was made; make a new plan:")
                for change in moved { console.err.line("  - \(change)") }
                throw CommandExit.failure
            }
            console.out.write(PlanTextRenderer(color: console.colorEnabled(for: console.out, noColor: global.noColor)).render(saved))
            if saved.isEmpty { return }
            try await execute(
                saved, live: live, verify: { try await verifier.notTaken($0, of: saved) }, client: client, console: console,
                journalPath: journal ?? ApplyJournal.defaultPath(forConfig: (path as NSString).deletingLastPathComponent))
        }
    }

    /// Asks for `yes` on a terminal; without one, only --auto-approve goes ahead.
    private func confirm(_ console: Console) throws {
        if autoApprove { return }
        guard console.stdinIsTerminal else {
            console.err.line("error: refusing to apply without confirmation: there is no terminal to ask on; pass --auto-approve")
            throw CommandExit.failure
        }
        console.out.write("\nDo you want to make these changes in Canvas? Only 'yes' will be accepted: ")
        guard console.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            console.out.line("Apply cancelled; nothing was changed.")
            throw CommandExit.failure
        }
    }

    private func execute(
        _ plan: Plan, live: LiveState, verify: @escaping @Sendable ([PlanOperation]) async throws -> [String: String],
        client: CanvasClient, console: Console, journalPath: String
    ) async throws {
        let journal: ApplyJournal
        do {
            journal = try ApplyJournal(path: journalPath)
        } catch {
            console.err.line("error: cannot open the journal '\(journalPath)': \(error.localizedDescription)")
            throw CommandExit.failure
        }
        let progress = ApplyProgress(console: console, total: plan.operations.count)
        let writer = ApplyWriter(
            console: console, client: client, via: via, sisThreshold: sisThreshold, parallelism: parallelism ?? 8)
        let report = try await writer.run(plan, live: live, verify: verify) { event in
            journal.record(event, canvasUrl: plan.canvasUrl)
            progress.record(event)
        }
        progress.finish()
        for note in report.notes { console.err.line(note) }
        if report.isComplete {
            console.out.line(report.completionLine)
            return
        }
        console.err.line("Apply failed: \(report.succeeded.count) of \(report.total) operations done.")
        for (op, message) in report.failed {
            console.err.line("  failed: \(op.action.rawValue) \(op.kind.rawValue) \(op.id): \(message)")
        }
        for op in report.skipped {
            if case .skipped(let because) = report.outcome[op.address] {
                console.err.line("  skipped: \(op.action.rawValue) \(op.kind.rawValue) \(op.id) (it needs \(because), which failed)")
            }
        }
        if !report.notStarted.isEmpty {
            console.err.line("  not started: \(report.notStarted.count) operations (interrupted)")
        }
        console.err.line("Run 'easel plan' to see what remains; 'easel apply' again finishes it.")
        throw CommandExit.failure
    }
}
