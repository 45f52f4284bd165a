import ArgumentParser
import CanvasAPI
import EaselCore
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a config from live Canvas: terms, their courses with sections and enrollments, and the users they name.",
        discussion: """
            Users are keyed by SIS id (--user-key login keys them by login instead). Courses without \
            a SIS id are written commented out, with their canvas_id: give each an id to manage it. \
            PlanWithProgress the imported config against the same Canvas shows no changes. \
            Progress and warnings go to standard error.
            """)

    @Option(name: .customLong("term"), help: "Import this term, by SIS id (repeatable; default: every active term, and the courses of terms without a SIS id).")
    var terms: [String] = []

    @Option(help: "Import only the courses of this account and its sub-accounts: a Canvas id or sis_account_id:X (default: the root account).")
    var account: String?

    @Option(help: "Write to FILE (ending .yaml or .yml), or into DIR split into one file per term or sub-account (default: standard output).")
    var out: String?

    @Option(help: "With --out DIR: one course file per term or per account (default: term).")
    var split: ImportSplit?

    @Option(help: "Key users by sis_id (users without one are left out, with a warning) or by login.")
    var userKey: Policy.UserKey = .sisId

    @Flag(help: "Replace --out FILE, or the *.yaml and *.yml files already in --out DIR.")
    var force = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if split != nil, target == .standardOutput || target.isFile {
            throw ValidationError("--split needs --out DIR (a directory, not a .yaml file or standard output)")
        }
    }

    func run() async throws {
        let console = Console.current
        let url = try connection.url(nil, console)
        try checkTarget(console)
        let selection = ImportSelection(termIds: terms, account: account, userKey: userKey)
        let live = try await connection.withClient(url: url, console: console) { client in
            try await read(selection, client: client, console: console)
        }
        let imported = ConfigImporter.build(live, canvasUrl: url, userKey: userKey)
        for warning in imported.warnings { console.err.line("warning: \(warning)") }

        let source = "Imported from Canvas by 'easel import': \(url), root account \(live.account.canvasId)."
        let files: [ImportFile] =
            switch target {
            case .standardOutput, .file: [ImportFile(name: "", text: ImportRenderer.single(imported, source: source))]
            case .directory: ImportRenderer.split(imported, by: split ?? .term, source: source)
            }
        try check(files, console)
        try write(files, console)

        let c = imported.config.counts
        let unkeyed = imported.unkeyedCourses.count
        console.err.line(
            "Imported \(plural(c.terms, "term")), \(plural(c.courses, "course"))"
                + (unkeyed > 0 ? " (and \(unkeyed) without a SIS id, commented out)" : "")
                + ", \(plural(c.sections, "section")), \(plural(c.users, "user")), \(plural(c.enrollments, "enrollment"))"
                + (out.map { " into \($0)" + (files.count > 1 ? " (\(files.count) files)" : "") } ?? "") + ".")
        if let out { console.err.line("Check it with 'easel plan \(out)': it should show no changes.") }
    }

    private func read(_ selection: ImportSelection, client: CanvasClient, console: Console) async throws -> LiveState {
        let progress = ProgressLine(console: console, label: "reading Canvas")
        let reader = CanvasLiveReader(client: client) { read in
            let rosters = read.rostersTotal > 0 ? ", courses \(read.rostersRead)/\(read.rostersTotal)" : ""
            progress.update("\(read.phase.rawValue): \(read.objectsRead) objects, \(read.requests) requests\(rosters)")
        }
        let started = ContinuousClock.now
        do {
            let live = try await reader.readForImport(selection)
            let seconds = (ContinuousClock.now - started).seconds
            progress.finish(
                "read Canvas: \(live.courses.count) courses, \(live.users.count) users, "
                    + "\(client.metrics.requestsSent) requests in \(String(format: "%.1f", seconds)) s")
            return live
        } catch {
            progress.finish()
            console.err.line("error: reading Canvas failed: \(error)")
            throw CommandExit.failure
        }
    }

    /// Loads the files back as `easel validate` would: an import that does not validate is refused.
    private func check(_ files: [ImportFile], _ console: Console) throws {
        let names = files.map { $0.name.isEmpty ? (out ?? "<stdout>") : $0.name }
        let loaded = ConfigLoader.load(texts: zip(names, files.map(\.text)).map { ($0, $1) })
        guard loaded.config == nil else { return }
        ConfigArgument().printDiagnostics(loaded, console, noColor: global.noColor)
        console.err.line("error: the imported config does not validate (Canvas holds something easel cannot express); nothing was written")
        throw CommandExit.failure
    }

    /// Refuses, before anything is read, to overwrite a file or a config directory without --force.
    private func checkTarget(_ console: Console) throws {
        guard !force else { return }
        switch target {
        case .standardOutput: return
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else { return }
            console.err.line("error: '\(path)' already exists: pass --force to replace it, or choose another --out")
        case .directory(let path):
            let existing = yamlFiles(in: path)
            guard !existing.isEmpty else { return }
            console.err.line(
                "error: '\(path)' already holds \(existing.prefix(3).joined(separator: ", "))\(existing.count > 3 ? " and more" : ""): "
                    + "pass --force to replace its *.yaml and *.yml files, or choose another --out")
        }
        throw CommandExit.failure
    }

    private func yamlFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    private func write(_ files: [ImportFile], _ console: Console) throws {
        let manager = FileManager.default
        do {
            switch target {
            case .standardOutput:
                console.out.write(files[0].text)
            case .file(let path):
                try files[0].text.write(toFile: path, atomically: true, encoding: .utf8)
            case .directory(let path):
                for name in yamlFiles(in: path) {
                    try manager.removeItem(atPath: (path as NSString).appendingPathComponent(name))
                }
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
                for file in files {
                    let filePath = (path as NSString).appendingPathComponent(file.name)
                    try file.text.write(toFile: filePath, atomically: true, encoding: .utf8)
                    console.err.line("wrote \(filePath)")
                }
            }
        } catch {
            console.err.line("error: cannot write the import to '\(out ?? "")': \(error.localizedDescription)")
            throw CommandExit.failure
        }
    }

    /// Where `--out` sends the config.
    private enum Target: Equatable {
        case standardOutput
        case file(String)
        case directory(String)

        var isFile: Bool { if case .file = self { true } else { false } }
    }

    private var target: Target {
        guard let out else { return .standardOutput }
        return out.hasSuffix(".yaml") || out.hasSuffix(".yml") ? .file(out) : .directory(out)
    }
}

extension ImportSplit: ExpressibleByArgument {}
extension Policy.UserKey: ExpressibleByArgument {}
