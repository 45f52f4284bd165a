import EaselCLI
import EaselCore
import EaselYAML
import Foundation
import Testing

/// A config with thousands of errors on one 30,000-character line: every command that loads
/// a config prints a bounded report of it, and its count of errors stays true.
@Suite struct ConfigErrorOutputTests {
    /// `{version: 1, k0: 1, k1: 1, …}`: every `kN` is an unknown top-level key.
    static let hugeLine: String = {
        var line = "{version: 1"
        var n = 0
        while line.utf8.count < 30_000 {
            line += ", k\(n): 1"
            n += 1
        }
        return line + "}\n"
    }()

    @Test(arguments: [["validate"], ["plan"], ["render"]])
    func aLineFullOfErrorsPrintsLittle(_ command: [String]) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("easel.yaml").path
        try Self.hugeLine.write(toFile: path, atomically: true, encoding: .utf8)
        let errors = ConfigLoader.load(path: path).diagnostics.count(where: { $0.severity == .error })
        #expect(errors > 3_000)

        let out = OutputSink.capturing(), err = OutputSink.capturing()
        let environment = ["CANVAS_URL": "http://127.0.0.1:9", "CANVAS_TOKEN": "unused"]
        let code = await EaselCommand.run(
            command + [path], console: Console(out: out, err: err, environment: environment, stdinIsTerminal: false))

        #expect(code == 1)
        let report = err.captured
        #expect(report.utf8.count < 100_000)
        #expect(report.hasPrefix("\(path):1:14: error: unknown key 'k0' in the config\n"))
        #expect(report.components(separatedBy: ": error: ").count - 1 == DiagnosticRenderer.defaultLimit)
        #expect(report.contains("\nand \(errors - DiagnosticRenderer.defaultLimit) more errors\n"))
        #expect(report.hasSuffix("\n\(errors) errors in the config; nothing was changed\n"))
        let longest = report.split(separator: "\n").map { $0.unicodeScalars.count }.max() ?? 0
        #expect(longest <= max(path.count + 60, 130))
        #expect(out.captured.isEmpty)
    }
}
