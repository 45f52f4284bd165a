import ArgumentParser
import EaselCore
import EaselYAML
import Foundation

/// The CONFIG argument: a file or directory, `easel.yaml` or `easel/` by default.
struct ConfigArgument: ParsableArguments {
    @Argument(help: "The config file or directory (default: easel.yaml or easel/).")
    var config: String?

    /// Loads the config and prints its diagnostics; throws `CommandExit.failure` on errors.
    func load(_ console: Console, noColor: Bool) throws -> (Config, LoadedConfig) {
        guard let path = config ?? ConfigLoader.defaultPath() else {
            console.err.line("error: no config given, and no easel.yaml or easel/ here")
            throw CommandExit.failure
        }
        guard FileManager.default.fileExists(atPath: path) else {
            console.err.line("error: no config at '\(path)'")
            throw CommandExit.failure
        }
        let loaded = ConfigLoader.load(path: path)
        printDiagnostics(loaded, console, noColor: noColor)
        guard let config = loaded.config else { throw CommandExit.failure }
        return (config, loaded)
    }

    /// Every command's config problems: the first `DiagnosticRenderer.defaultLimit` in full, a
    /// count of the rest, and the number of errors.
    func printDiagnostics(_ loaded: LoadedConfig, _ console: Console, noColor: Bool) {
        guard !loaded.diagnostics.isEmpty else { return }
        var renderer = loaded.renderer
        renderer.color = console.colorEnabled(for: console.err, noColor: noColor)
        console.err.line(renderer.renderAll(loaded.diagnostics))
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            console.err.line("\(errors) error\(errors == 1 ? "" : "s") in the config; nothing was changed")
        }
    }
}
