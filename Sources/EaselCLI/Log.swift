import ArgumentParser
import EaselCore

/// `easel log [RUN]`: the applies the journal recorded, newest first, or one in detail.
struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the applies the journal recorded (who, when, from which commit, what they did), or show one.")

    @Argument(help: "A run id from the list (or the start of one): show its operations.")
    var run: String?

    @Option(help: "The journal to read (default: .easel/journal.jsonl in the working directory).")
    var journal: String?

    @Option(help: "text or json.")
    var format: LogFormat = .text

    @OptionGroup var global: GlobalOptions

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let console = Console.current
        let path = journal ?? console.easelDirectory.journal
        let runs: [JournalReader.Run]
        do {
            runs = try JournalReader.runs(at: path)
        } catch {
            console.err.line("error: \(error): no apply has written one here yet, or pass --journal")
            throw CommandExit.failure
        }
        guard let wanted = self.run else {
            console.out.write(format == .json ? RunLogRenderer.json(runs) : RunLogRenderer.table(runs))
            return
        }
        let matches = runs.filter { $0.id.hasPrefix(wanted) }
        guard matches.count == 1, let found = matches.first else {
            let why = matches.isEmpty ? "no run '\(wanted)' in '\(path)'" : "'\(wanted)' names \(matches.count) runs: give more of the id"
            console.err.line("error: \(why) ('easel log' lists them)")
            throw CommandExit.failure
        }
        console.out.write(format == .json ? RunLogRenderer.json([found]) : RunLogRenderer.detail(found))
    }
}
