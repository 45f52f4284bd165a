import ArgumentParser
import EaselCore

/// The `easel` command line: parses arguments, runs one subcommand, returns its exit code.
public struct EaselCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "easel",
        abstract: "Canvas LMS as code: keep a Canvas account in the state a YAML config describes.",
        version: EaselVersion.description,
        subcommands: [Validate.self, Render.self, PlanCommand.self, Apply.self, Drift.self, Show.self, Import.self, Log.self])

    public init() {}

    /// Runs easel with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], console: Console = .process) async -> Int32 {
        let code = await runCommand(arguments, console: console)
        // A reader that went away (`easel render | head -1`) ends easel quietly, as it does
        // git; any other failed write (a full disk) is an error.
        if let failure = console.out.failure, !failure.isClosedPipe {
            console.err.line("error: could not write the output: \(failure)")
            return code == 0 || code == 2 ? 1 : code
        }
        return code
    }

    private static func runCommand(_ arguments: [String], console: Console) async -> Int32 {
        if let unknown = unknownSubcommand(arguments) {
            console.err.line("error: 'easel \(unknown)' is not a command\(Suggestion.hint(for: unknown, in: subcommandNames))")
            console.err.line("See 'easel --help' for the commands.")
            return ExitCode.validationFailure.rawValue
        }
        return await Console.$current.withValue(console) {
            do {
                var command = try parseAsRoot(arguments)
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let exit as CommandExit {
                return exit.code
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if !message.isEmpty {
                    (code == .success ? console.out : console.err).line(message)
                }
                return code.rawValue
            }
        }
    }
}

extension EaselCommand {
    static var subcommandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The first argument when it names no subcommand (`easel pla`), for a did-you-mean.
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) else { return nil }
        return first
    }
}

/// Ends a command with an exit code after it has printed what it had to say.
struct CommandExit: Error {
    var code: Int32
    static let failure = CommandExit(code: 1)
    static let changes = CommandExit(code: 2)
}

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false
}
