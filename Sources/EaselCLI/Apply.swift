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

    @Option(help: ArgumentHelp(
        "Carry out this saved plan (from 'easel plan --out') instead of planning the config.",
        discussion: "The plan's digest is checked first (and its signature, when EASEL_PLAN_KEY is set); "
            + "given a CONFIG too, apply also checks that the plan was made from it and that every operation is one "
            + "it asks for."))
    var plan: String?

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Option(help: "Operations in flight at most (default: adapted to Canvas's rate limit, up to 8).")
    var parallelism: Int?

    @Option(help: "Where to append the record of what was applied (default: .easel/journal.jsonl in the working directory).")
    var journal: String?

    @Option(help: ArgumentHelp(
        "How long to wait for another apply in this directory to finish (e.g. 30s, 5m; default 0: refuse at once).",
        discussion: "Applies in one working directory take turns through a lock on .easel/apply.lock."))
    var lockTimeout: LockTimeout = LockTimeout(duration: .zero)

    @Option(help: "With --plan: summary prints the plan's counts, full lists every operation before applying.")
    var detail: PlanDetail = .summary

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

    }

    func run() async throws {
        let console = Console.current
        let lock: ApplyLock
        do {
            lock = try await ApplyLock(
                path: console.easelDirectory.applyLock, timeout: lockTimeout.duration, environment: console.environment)
        } catch {
            console.err.line("error: \(error); nothing was changed")
            throw CommandExit.failure
        }
        defer { withExtendedLifetime(lock) {} }
        if let path = plan {
            try await applySaved(path, console)
        } else {
            try await applyConfig(console)
        }
    }

    /// An import an earlier apply here started and did not see end (it was killed): wait for
    /// it, so this apply plans against the Canvas it left.
    private func awaitEarlierImport(client: CanvasClient, url: String, console: Console) async throws {
        let pendingPath = console.easelDirectory.pendingImport(for: url)
        guard let pending = PendingSISImport.load(pendingPath) else { return }
        guard pending.canvasUrl == url else { return }
        let importer = SISImporter(client: client, account: .id(CanvasID(pending.account)))
        console.err.line("waiting for SIS import \(pending.id), started by an earlier apply here at \(pending.started)")
        let line = ProgressLine(console: console, label: "SIS import \(pending.id)")
        do {
            let ended = try await importer.waitForEarlier(id: pending.id) { status in
                line.update("\(status.workflowState), \(status.progress ?? 0)%")
            }
            line.finish("SIS import \(pending.id) ended: \(ended.workflowState)")
        } catch let error as CanvasError where error.kind == .notFound {
            line.finish("SIS import \(pending.id) is no longer in Canvas")
        } catch {
            line.finish()
            console.err.line(
                "error: cannot tell whether SIS import \(pending.id) has ended: \(error); nothing was changed "
                    + "(once it has ended in Canvas, Admin → SIS Import, remove '\(pendingPath)' to go on)")
            throw CommandExit.failure
        }
        PendingSISImport.clear(pendingPath)
    }

    private func applyConfig(_ console: Console) async throws {
        let (config, loaded) = try self.config.load(console, noColor: global.noColor)
        let url = try connection.url(config, console)
        let options = PlanOptions(allowMassWithdraw: allowMassWithdraw, now: nowDate())
        let planning = PlanWithProgress(console: console, connection: connection, options: options, readVia: reading.readVia)
        try await connection.withClient(url: url, console: console, parallelism: parallelism) { client in
            try await awaitEarlierImport(client: client, url: url, console: console)
            let (plan, live) = try await planning.planWithLive(config, loaded, client: client, url: url)
            console.out.write(PlanTextRenderer(color: console.colorEnabled(for: console.out, noColor: global.noColor)).render(plan))
            if plan.isEmpty { return }
            if via == .sisImport, !live.account.isRoot {
                // Said before asking, not after a "yes" that could not be honoured.
                console.err.line("error: \(ApplyPathError.needsRootAccount)")
                throw CommandExit.failure
            }
            try confirm(console)
            // After a SIS import: plan again, and what the import should have done but is still planned did not take.
            let verify: @Sendable ([PlanOperation]) async throws -> [String: String] = { imported in
                console.err.line("checking the SIS import: planning again")
                let again = try await planning.plan(config, loaded, client: client, url: url)
                let left = Dictionary(again.operations.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
                return Dictionary(uniqueKeysWithValues: imported.compactMap { op in
                    left[op.address].map { (op.address, "a new plan still shows it: \($0.action.rawValue) \($0.changedAttributes.joined(separator: ", "))") }
                })
            }
            try await execute(plan, live: live, verify: verify, client: client, console: console)
        }
    }

    /// Carries out a saved plan only as it was made: its seal (and signature, with a key)
    /// before Canvas is read; with the CONFIG at hand, that the plan came from it and that
    /// each operation is one the config asks for; then that live Canvas has not moved.
    private func applySaved(_ path: String, _ console: Console) async throws {
        let (saved, seal) = try loadSealedPlan(path, console)
        var checks: [String]
        do {
            checks = try PlanSeal.check(saved, seal: seal, key: console.environment[PlanSeal.keyVariable])
        } catch {
            console.err.line("error: refusing '\(path)': \(error); nothing was changed")
            throw CommandExit.failure
        }
        if seal?.signature != nil, checks.count == 1 {
            console.err.line("note: the plan is signed, but \(PlanSeal.keyVariable) is not set here: its signature was not checked")
        }
        var source: (config: Config, loaded: LoadedConfig)?
        if self.config.config != nil {
            let (config, loaded) = try self.config.load(console, noColor: global.noColor)
            let hash = Planner.configHash(loaded)
            guard hash == saved.configHash else {
                console.err.line(
                    "error: refusing '\(path)': it was made from another config than '\(self.config.config ?? "")' "
                        + "(\(saved.configHash) when planned, \(hash) now); make a new plan; nothing was changed")
                throw CommandExit.failure
            }
            source = (config, loaded)
            checks.append("config hash")
        }
        let url = connection.canvasUrl ?? console.environment["CANVAS_URL"] ?? saved.canvasUrl
        guard url == saved.canvasUrl else {
            console.err.line("error: the plan was made for \(saved.canvasUrl), not \(url): make a new plan for this Canvas")
            throw CommandExit.failure
        }
        try await connection.withClient(url: url, console: console, parallelism: parallelism) { client in
            try await awaitEarlierImport(client: client, url: url, console: console)
            let verifier = PlanVerifier(reader: ReadPathReader(path: reading.readVia, api: CanvasLiveReader(client: client)))
            let (moved, live) = try await verifier.check(saved)
            guard moved.isEmpty else {
                console.err.line("error: live Canvas has changed since the plan was made; make a new plan:")
                for change in moved { console.err.line("  - \(change)") }
                throw CommandExit.failure
            }
            checks.append("live Canvas unchanged")
            if let source {
                try await checkAskedFor(saved, path: path, source: source, client: client, url: url, console: console)
                checks.append("every operation asked for by the config")
            }
            console.err.line("checked the saved plan: \(checks.joined(separator: ", "))")
            let color = console.colorEnabled(for: console.out, noColor: global.noColor)
            if detail == .full || saved.isEmpty {
                console.out.write(PlanTextRenderer(detailFull: true, color: color).render(saved))
            } else {
                // As `terraform apply PLANFILE`: the plan was reviewed when it was made; say what it holds.
                console.out.line("Canvas: \(saved.canvasUrl) (account \(saved.account))")
                for warning in saved.warnings { console.out.line("Warning: \(warning)") }
                console.out.line(saved.summary.line)
                console.out.line("Applying the saved plan \(path) ('easel show \(path)' lists every operation).")
            }
            if saved.isEmpty { return }
            try await execute(
                saved, live: live, verify: { try await verifier.notTaken($0, of: saved) }, client: client, console: console)
        }
    }

    /// Plans the config against Canvas as it is now (unchanged under the saved plan, as
    /// just checked): every saved operation must be one of that plan's, as it stands.
    private func checkAskedFor(
        _ saved: Plan, path: String, source: (config: Config, loaded: LoadedConfig), client: CanvasClient, url: String,
        console: Console
    ) async throws {
        let options = PlanOptions(targets: saved.targets, allowMassWithdraw: true, now: nowDate())
        let planning = PlanWithProgress(console: console, connection: connection, options: options, readVia: reading.readVia)
        let fresh = try await planning.plan(source.config, source.loaded, client: client, url: url)
        let asked = Dictionary(fresh.operations.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        // The runner trusts these too: terms are created in `account`, `notify` mails users.
        var differing: [String] = []
        if fresh.account != saved.account { differing.append("canvas.account is '\(fresh.account)', the plan says '\(saved.account)'") }
        if fresh.notify != saved.notify { differing.append("policy.notify is \(fresh.notify), the plan says \(saved.notify)") }
        if fresh.userKey != saved.userKey {
            differing.append("policy.user_key is '\(fresh.userKey.rawValue)', the plan says '\(saved.userKey.rawValue)'")
        }
        guard differing.isEmpty else {
            console.err.line("error: refusing '\(path)': it does not match '\(self.config.config ?? "")': \(differing.joined(separator: "; ")); nothing was changed")
            throw CommandExit.failure
        }
        let foreign = saved.operations.filter { asked[$0.address] != $0 }
        guard foreign.isEmpty else {
            console.err.line(
                "error: refusing '\(path)': \(foreign.count) of its operations \(foreign.count == 1 ? "is" : "are") not what "
                    + "'\(self.config.config ?? "")' asks for; nothing was changed:")
            for op in foreign.prefix(20) {
                let why = asked[op.address] == nil ? "the config asks for no such change" : "the config asks for it differently"
                console.err.line("  - \(op.action.rawValue) \(op.kind.rawValue) \(op.id): \(why)")
            }
            if foreign.count > 20 { console.err.line("  and \(foreign.count - 20) more") }
            throw CommandExit.failure
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
        client: CanvasClient, console: Console
    ) async throws {
        let journalPath = journal ?? console.easelDirectory.journal
        let journal: ApplyJournal
        do {
            journal = try ApplyJournal(path: journalPath)
        } catch {
            console.err.line("error: cannot open the journal: \(error); nothing was changed")
            throw CommandExit.failure
        }
        // Where the config (or the saved plan) is: its repository's commit goes in the run's line.
        let source = config.config ?? self.plan ?? ConfigLoader.defaultPath() ?? console.workingDirectory
        let run = ApplyRun(
            plan: plan, planFile: self.plan, git: await GitState.read(at: source),
            actor: RunActor.from(environment: console.environment), readVia: reading.readVia.rawValue,
            writeVia: via.rawValue, easelVersion: EaselVersion.description)
        journal.begin(run)
        let progress = ApplyProgress(console: console, total: plan.operations.count)
        var writer = ApplyWriter(
            console: console, client: client, via: via, sisThreshold: sisThreshold, parallelism: parallelism ?? 8)
        writer.mayStart = { journal.stop == nil }
        let report: ApplyReport
        do {
            report = try await writer.run(plan, live: live, verify: verify) { event in
                journal.record(event, canvasUrl: plan.canvasUrl)
                progress.record(event)
            }
        } catch {
            // Refused before any operation (a SIS import on a sub-account): the run still ends.
            progress.finish()
            var none = ApplyReport(total: plan.operations.count)
            none.notStarted = plan.operations
            journal.end(ApplyRunEnd(report: none, stopped: true))
            throw error
        }
        progress.finish()
        journal.end(ApplyRunEnd(report: report, stopped: journal.stop != nil))
        for note in report.notes { console.err.line(note) }
        if let stop = journal.stop {
            journalStopped(stop, journal: journal, report: report, console: console)
            throw CommandExit.failure
        }
        if report.isComplete {
            console.out.line(report.completionLine)
            console.out.line("Journal: \(journal.path) (run \(run.id): 'easel log \(run.id)' shows it)")
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
        console.err.line("Journal: \(journal.path) (run \(run.id): 'easel log \(run.id)' shows it)")
        console.err.line("Run 'easel plan' to see what remains; 'easel apply' again finishes it.")
        throw CommandExit.failure
    }

    /// The journal could not be written: nothing new was started; say what was done and
    /// which of it the journal lacks.
    private func journalStopped(_ stop: ApplyJournal.Stop, journal: ApplyJournal, report: ApplyReport, console: Console) {
        console.err.line(
            "error: the journal '\(journal.path)' could not be written (\(stop.failure)); it stopped \(stop.position)")
        let finished = report.succeeded.count + report.failed.count + report.skipped.count
        if finished == 0 {
            console.err.line("Apply stopped before its first operation: nothing was changed in Canvas.")
        } else {
            console.err.line(
                "Apply stopped: no operation was started after that; \(report.succeeded.count) of \(report.total) operations done, "
                    + "\(report.failed.count) failed, \(report.notStarted.count) not started.")
        }
        let unrecorded = max(0, finished - stop.written)
        if unrecorded > 0 {
            console.err.line("  \(unrecorded) finished operation\(unrecorded == 1 ? " is" : "s are") missing from the journal.")
        }
        console.err.line("Free space (or pass --journal elsewhere), then run 'easel plan' to see what remains.")
    }
}

/// `--lock-timeout`: `0`, `30s`, `5m`, `1h`, or a number of seconds.
struct LockTimeout: ExpressibleByArgument, Sendable {
    var duration: Duration

    init(duration: Duration) { self.duration = duration }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [("ms", 0), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value >= 0, value * Double(max(seconds, 1)) <= 86_400 * 1000
            else { return nil }
            duration = seconds == 0 ? .milliseconds(Int(value)) : .seconds(value * Double(seconds))
            return
        }
        guard let value = Double(text), value >= 0, value <= 86_400 else { return nil }
        duration = .seconds(value)
    }

    var defaultValueDescription: String { "0" }
}
