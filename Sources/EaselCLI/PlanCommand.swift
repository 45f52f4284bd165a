import ArgumentParser
import EaselCore
import Foundation

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Read live Canvas, compare it with the config, and show the changes apply would make.")

    @OptionGroup var config: ConfigArgument
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: PlanOutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp(
        "Also write the plan to this file, for 'easel apply --plan' or 'easel show'.",
        discussion: "The file is sealed with a digest of its content, and signed (HMAC-SHA256) when EASEL_PLAN_KEY is set."))
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes (0 when none, 1 on error).")
    var detailedExitcode = false

    @Option(name: .customLong("target"), help: "Plan only this term, course, section or user id and what it needs (repeatable).")
    var targets: [String] = []

    @Flag(help: "Make the plan even when it withdraws more enrollments than policy.max_withdraw allows.")
    var allowMassWithdraw = false

    @Option(help: "Requests in flight at most while reading Canvas (default: adapted to its rate limit, up to 8).")
    var parallelism: Int?

    @OptionGroup var reading: ReadOptions

    func validate() throws {
        if let parallelism, parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        let console = Console.current
        let (config, loaded) = try self.config.load(console, noColor: global.noColor)
        let options = PlanOptions(targets: targets, allowMassWithdraw: allowMassWithdraw, now: nowDate())
        let plan = try await PlanWithProgress(
            console: console, connection: connection, options: options, parallelism: parallelism, readVia: reading.readVia
        ).plan(config, loaded)
        if let out {
            do {
                try PlanJSON.encodeSaved(plan, key: console.environment[PlanSeal.keyVariable])
                    .write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                console.err.line("error: cannot write the plan to '\(out)': \(error.localizedDescription)")
                throw CommandExit.failure
            }
        }
        console.out.write(render(plan, format: output.format, detail: output.detail, drift: false, console: console, noColor: global.noColor))
        if let out, output.format == .text { console.out.line("\nSaved the plan to \(out): apply it with 'easel apply --plan \(out)'.") }
        if detailedExitcode, !plan.isEmpty { throw CommandExit.changes }
    }
}

struct PlanOutputOptions: ParsableArguments {
    @Option(help: "text, json (a stable schema: docs/plan-json.md) or markdown (for a pull-request comment).")
    var format: PlanFormat = .text

    @Option(help: "summary groups enrollments per course; full lists every operation.")
    var detail: PlanDetail = .summary
}

/// Reads a plan file, or prints why it cannot and fails.
func loadSavedPlan(_ path: String, _ console: Console) throws -> Plan {
    try loadSealedPlan(path, console).plan
}

/// Reads a plan file with its seal, or prints why it cannot and fails.
func loadSealedPlan(_ path: String, _ console: Console) throws -> (plan: Plan, seal: PlanSeal?) {
    guard let data = FileManager.default.contents(atPath: path) else {
        console.err.line("error: cannot read the plan '\(path)'")
        throw CommandExit.failure
    }
    do {
        return try PlanJSON.decodeSaved(data)
    } catch {
        console.err.line("error: '\(path)' \(error)")
        throw CommandExit.failure
    }
}

/// How plan, drift and apply read live Canvas.
struct ReadOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How to read Canvas: report (the provisioning report: a few requests per term), api (REST listings: about two requests a course) or auto.",
            discussion: "auto reads through the report when the config manages 200 courses or more and keys users by SIS id, and falls back to the API when the token may not run reports."))
    var readVia: ReadPath = .auto
}

extension ReadPath: ExpressibleByArgument {}
