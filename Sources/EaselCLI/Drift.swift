import ArgumentParser
import EaselCore

struct Drift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check whether live Canvas has drifted from the config: exit 0 when it matches, 2 when it drifted, 1 on error.")

    @OptionGroup var config: ConfigArgument
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: PlanOutputOptions
    @OptionGroup var reading: ReadOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console.current
        let (config, loaded) = try self.config.load(console, noColor: global.noColor)
        // Drift reports; it never fails on max_withdraw, which guards changes, not reports.
        let options = PlanOptions(allowMassWithdraw: true, now: nowDate())
        let plan = try await PlanWithProgress(console: console, connection: connection, options: options, readVia: reading.readVia)
            .plan(config, loaded)
        console.out.write(render(plan, format: output.format, detail: output.detail, drift: true, console: console, noColor: global.noColor))
        if !plan.isEmpty { throw CommandExit.changes }
    }
}
