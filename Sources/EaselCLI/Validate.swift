import ArgumentParser
import EaselCore

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse and check a config offline, and count what it declares.")

    @OptionGroup var config: ConfigArgument
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console.current
        let (config, _) = try config.load(console, noColor: global.noColor)
        let c = config.counts
        console.out.line(
            "The config is valid: \(plural(c.terms, "term")), \(plural(c.courses, "course")), "
                + "\(plural(c.sections, "section")), \(plural(c.users, "user")), \(plural(c.enrollments, "enrollment")).")
    }
}

/// `1 term`, `1,200 enrollments`.
func plural(_ n: Int, _ noun: String) -> String {
    var digits = String(n)
    var groups: [Substring] = []
    while digits.count > 3 {
        groups.insert(Substring(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return "\(groups.joined(separator: ",")) \(noun)\(n == 1 ? "" : "s")"
}
