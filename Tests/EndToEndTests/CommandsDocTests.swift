import EaselCLI
import Foundation
import Testing

/// `docs/commands.md` and the CLI agree: every flag each command's `--help` lists is in
/// that command's table, and every flag a table lists exists.
@Suite struct CommandsDocTests {
    static let commands = ["validate", "render", "plan", "apply", "drift", "show", "import", "log"]

    @Test(arguments: commands)
    func theDocListsExactlyTheFlagsOf(_ command: String) async throws {
        let doc = try String(contentsOfFile: SimHarness.path("docs/commands.md"), encoding: .utf8)
        let documented = try #require(Self.documentedFlags(doc)[command], "no '## easel \(command)' section")
        let actual = await Self.helpFlags(command)
        #expect(!actual.isEmpty)
        #expect(actual.subtracting(documented).isEmpty, "in --help, not in docs/commands.md: \(actual.subtracting(documented).sorted())")
        #expect(documented.subtracting(actual).isEmpty, "in docs/commands.md, not in --help: \(documented.subtracting(actual).sorted())")
    }

    @Test func everyCommandHasASection() async throws {
        let doc = try String(contentsOfFile: SimHarness.path("docs/commands.md"), encoding: .utf8)
        let out = OutputSink.capturing()
        _ = await EaselCommand.run(["--help"], console: Console(out: out, err: out, environment: [:], stdinIsTerminal: false))
        let listed = out.captured.components(separatedBy: "SUBCOMMANDS:").last!.split(separator: "\n")
            .compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = words.first,
                    first.allSatisfy({ $0.isLowercase })
                else { return nil }
                return String(first)
            }
        #expect(Set(listed) == Set(Self.commands))
        #expect(Set(Self.documentedFlags(doc).keys) == Set(Self.commands))
    }

    /// `--flag`s in the first cell of each table row, per `## easel COMMAND` section.
    static func documentedFlags(_ doc: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var current: String?
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                let words = line.split(separator: " ")
                current = words.count >= 3 && words[1] == "easel" ? String(words[2]) : nil
                if let current { result[current] = [] }
            } else if let command = current, line.hasPrefix("| `--") {
                let firstCell = line.dropFirst(2).prefix { $0 != "|" }
                result[command]!.formUnion(flags(in: String(firstCell)))
            }
        }
        return result
    }

    /// The flags `easel COMMAND --help` defines, `--help` and `--version` aside.
    static func helpFlags(_ command: String) async -> Set<String> {
        let out = OutputSink.capturing()
        _ = await EaselCommand.run([command, "--help"], console: Console(out: out, err: out, environment: [:], stdinIsTerminal: false))
        let options = out.captured.components(separatedBy: "OPTIONS:").last ?? ""
        var result = Set<String>()
        for line in options.split(separator: "\n") {
            // A definition starts at column 3; deeper lines continue a description.
            guard line.hasPrefix("  -") else { continue }
            let definition = line.dropFirst(2).components(separatedBy: "  ").first ?? ""
            result.formUnion(flags(in: definition))
        }
        return result.subtracting(["--help", "--version"])
    }

    static func flags(in text: String) -> Set<String> {
        let regex = /--[a-z0-9][a-z0-9-]*/
        return Set(text.matches(of: regex).map { String($0.output) })
    }
}
