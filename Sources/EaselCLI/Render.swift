import ArgumentParser
import EaselCore

struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the config with every classes block expanded, as YAML.")

    @OptionGroup var config: ConfigArgument
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console.current
        let (config, _) = try config.load(console, noColor: global.noColor)
        console.out.write(ConfigRenderer.render(config))
    }
}
