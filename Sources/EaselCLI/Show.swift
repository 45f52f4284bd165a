import ArgumentParser
import EaselCore

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render a saved plan.")

    @Argument(help: "A plan written by 'easel plan --out'.")
    var plan: String

    @OptionGroup var output: PlanOutputOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console.current
        let saved = try loadSavedPlan(plan, console)
        console.out.write(render(saved, format: output.format, detail: output.detail, drift: false, console: console, noColor: global.noColor))
    }
}
