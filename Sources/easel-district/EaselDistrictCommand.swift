import ArgumentParser
import DistrictKit
import Foundation

/// `easel-district`: writes a generated district (config and canvas-sim seeds) for the benchmark.
@main
struct EaselDistrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "easel-district",
        abstract: "Generate a school district: an easel config and canvas-sim seeds that match it, drift from it, or hold none of it.",
        discussion: """
            Writes DIR/config/ (the easel config), DIR/seed-match.json, DIR/seed-drift.json, \
            DIR/seed-empty.json, DIR/drift.txt and DIR/district.json. The same options give the \
            same files; without --year the school year is the first whose terms all end at least \
            30 days from today. See docs/benchmark.md.
            """)

    @Option(help: "Directory to write into (created if missing; its config/*.yaml are replaced).")
    var out: String

    @Option(help: "Courses, spread over the terms and sub-accounts.")
    var courses = 2000

    @Option(help: "Terms in the school year (2: Fall and Spring).")
    var terms = 2

    @Option(name: .customLong("sub-accounts"), help: "Schools, each a sub-account with a SIS id (0: the root account only).")
    var subAccounts = 3

    @Option(name: .customLong("sections-per-course"), help: "Sections of each course.")
    var sectionsPerCourse = 2

    @Option(help: "Users: teachers, TAs and students.")
    var users = 12000

    @Option(help: "Enrollments in all: a teacher per course, some TAs, students for the rest.")
    var enrollments = 60000

    @Option(help: "Share of courses, users and enrollments that seed-drift.json changes.")
    var drift = 0.05

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "Calendar year the school year starts in (default: see below).")
    var year: Int?

    @Option(help: "API token the seeds accept.")
    var token = "bench-token"

    var options: DistrictOptions {
        var o = DistrictOptions()
        o.courses = courses
        o.terms = terms
        o.subAccounts = subAccounts
        o.sectionsPerCourse = sectionsPerCourse
        o.users = users
        o.enrollments = enrollments
        o.drift = drift
        o.seed = seed
        o.year = year
        o.token = token
        return o
    }

    func validate() throws {
        if let problem = options.problems.first { throw ValidationError(problem) }
    }

    func run() throws {
        let started = ContinuousClock.now
        let directory = URL(fileURLWithPath: out)
        let (district, drift) = try DistrictWriter(directory: directory).write(options)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("wrote \(out): \(district.summary)")
        print("drift: \(drift.items.count) changes, \(drift.expectedOperations) expected plan operations (\(out)/drift.txt)")
        print(String(format: "in %.1f s", seconds))
    }
}
