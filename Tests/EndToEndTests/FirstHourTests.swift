import CanvasSim
@testable import DistrictKit
import EaselCLI
import EaselCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a new admin meets in the first hour: output that cannot crash easel, a journal that
/// cannot be written, where the journal lives, a mistyped command, a missing config, what
/// `apply --plan` prints, and progress in a log or on a dumb terminal.
@Suite struct FirstHourTests {
    static let school = SimHarness.path("examples/school")

    /// Runs easel with stdout on `fd` (a pipe whose reader is gone, `/dev/full`).
    static func run(_ arguments: [String], stdout fd: Int32) async -> (code: Int32, err: String, failure: String?) {
        let out = OutputSink.descriptor(fd), err = OutputSink.capturing()
        let console = Console(out: out, err: err, environment: [:], stdinIsTerminal: false, readLine: { nil })
        let code = await EaselCommand.run(arguments, console: console)
        return (code, err.captured, out.failure?.description)
    }

    /// The benchmark's district (a small one), written as a config folder.
    static func districtConfig() throws -> String {
        var options = DistrictOptions()
        options.courses = 40
        options.users = 200
        options.enrollments = 1000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-district-\(UUID().uuidString)")
        _ = try DistrictWriter(directory: directory).write(options)
        return directory.appendingPathComponent("config").path
    }

    @Test func renderIntoAClosedPipeEndsQuietly() async throws {
        // As easel's main does: a closed pipe is a write error, not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        let config = try Self.districtConfig()
        defer { try? FileManager.default.removeItem(atPath: (config as NSString).deletingLastPathComponent) }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])  // the reader went away, as `head -1` does after its line
        let run = await Self.run(["render", config], stdout: fds[1])
        close(fds[1])
        #expect(run.code == 0, "\(run.err)")
        #expect(run.err.isEmpty, "a closed pipe is no error: \(run.err)")
        #expect(run.failure == FileDescriptorWriter.Failure(errno: EPIPE).description)
    }

    @Test func renderToAFullDiskIsAnError() async throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let run = await Self.run(["render", Self.school], stdout: fd)
        #expect(run.code == 1)
        #expect(run.err == "error: could not write the output: No space left on device\n")
    }

    /// The real binary in a real shell pipeline: `easel render DISTRICT | head -1`.
    @Test func theBinaryInAPipeToHeadExitsWithoutASignal() async throws {
        let easel = SimHarness.repository.appendingPathComponent(".build/debug/easel").path
        try #require(FileManager.default.isExecutableFile(atPath: easel), "build easel first (make test does)")
        let config = try Self.districtConfig()
        defer { try? FileManager.default.removeItem(atPath: (config as NSString).deletingLastPathComponent) }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "\"$0\" render \"$1\" | head -1 >/dev/null; echo \"${PIPESTATUS[0]}\"", easel, config]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let status = await offThePool {
            shell.waitUntilExit()
            return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // 132 was SIGILL (FileHandle's trap), 141 SIGPIPE.
        #expect(status == "0")
    }

    @Test func aJournalThatCannotBeWrittenStopsTheApply() async throws {
        try await SimHarness.with { sim in
            let full = await sim.easel(["apply", Self.school, "--auto-approve", "--via", "api", "--journal", "/dev/full"])
            let afterFull = await sim.easel(["plan", Self.school, "--format", "json"])
            let good = await sim.easel(["apply", Self.school, "--auto-approve", "--via", "api"])
            let again = await sim.easel(["plan", Self.school, "--detailed-exitcode"])

            #expect(full.code == 1)
            #expect(full.err.contains("error: the journal '/dev/full' could not be written (No space left on device); it stopped before its first operation line"), "\(full.err)")
            #expect(full.err.contains("Apply stopped before its first operation: nothing was changed in Canvas."), "\(full.err)")
            // The run's own line could not be written, so nothing started.
            let left = try PlanJSON.decode(Data(afterFull.out.utf8))
            #expect(left.operations.count == 1022, "\(left.operations.count) operations left")
            #expect(good.code == 0, "\(good.err.suffix(800))")
            #expect(again.code == 0)
        }
    }

    @Test func theJournalIsInTheWorkingDirectoryAndApplySaysWhere() async throws {
        try await SimHarness.with { sim in
            let run = await sim.easel(["apply", Self.school, "--auto-approve"])
            let journal = sim.directory.appendingPathComponent(".easel/journal.jsonl").path
            let lines = (try? String(contentsOfFile: journal, encoding: .utf8))?.split(separator: "\n") ?? []
            #expect(run.code == 0, "\(run.err.suffix(800))")
            #expect(run.out.contains("Journal: \(journal) (run "), "\(run.out.suffix(300))")
            #expect(lines.count == 1 + 1022 + 1, "the run's line, one per operation, its end")
            // Not beside the config, as before.
            #expect(!FileManager.default.fileExists(atPath: Self.school + "/.easel/journal.jsonl"))
        }
    }

    @Test func aMistypedCommandGetsTheNearestOne() async {
        let out = OutputSink.capturing(), err = OutputSink.capturing()
        let code = await EaselCommand.run(
            ["pla", "easel.yaml"], console: Console(out: out, err: err, environment: [:], stdinIsTerminal: false))
        #expect(code == 64)
        #expect(err.captured == "error: 'easel pla' is not a command (did you mean 'plan'?)\nSee 'easel --help' for the commands.\n")
        #expect(out.captured.isEmpty)
    }

    @Test func aMissingConfigIsOneError() async {
        let out = OutputSink.capturing(), err = OutputSink.capturing()
        let code = await EaselCommand.run(
            ["drift", "/nonexistent"], console: Console(out: out, err: err, environment: [:], stdinIsTerminal: false))
        #expect(code == 1)
        #expect(err.captured == "error: no config at '/nonexistent'\n")
    }

    @Test func applyOfASavedPlanPrintsItsSummaryNotEveryOperation() async throws {
        try await SimHarness.with { sim in
            let planFile = sim.directory.appendingPathComponent("school.plan").path
            let made = await sim.easel(["plan", Self.school, "--out", planFile])
            let apply = await sim.easel(["apply", "--plan", planFile])
            #expect(made.code == 0)
            #expect(apply.code == 0, "\(apply.err.suffix(800))")
            #expect(apply.out.contains("Plan: 1021 to create, 1 to update, 0 to withdraw, 0 to replace.\n"))
            #expect(apply.out.contains("Applying the saved plan \(planFile)"))
            #expect(!apply.out.contains("+ create course"), "no operation is listed: \(apply.out.prefix(500))")
            #expect(apply.out.split(separator: "\n").count < 10, "\(apply.out)")
            #expect(apply.err.contains("checked the saved plan: digest, live Canvas unchanged"), "\(apply.err)")
        }
    }

    @Test func applyOfASavedPlanListsEveryOperationWithDetailFull() async throws {
        try await SimHarness.with { sim in
            let planFile = sim.directory.appendingPathComponent("school.plan").path
            _ = await sim.easel(["plan", Self.school, "--out", planFile])
            let apply = await sim.easel(["apply", "--plan", planFile, "--detail", "full"])
            #expect(apply.code == 0, "\(apply.err.suffix(800))")
            #expect(apply.out.contains("\n  + course 2026-FALL-10A-MATH\n"), "\(apply.out.prefix(500))")
            #expect(apply.out.contains("\n  ~ adopt course STAFF-ROOM (canvas 4321)\n"), "\(apply.out.prefix(500))")
            #expect(apply.out.split(separator: "\n").count > 1022, "every operation is listed")
        }
    }

    /// Off a terminal a SIS import settles all its operations at once: one progress line,
    /// not ten carrying the same time.
    @Test func progressOffATerminalDoesNotRepeatTheSameMoment() async throws {
        try await SimHarness.with { sim in
            let run = await sim.easel(["apply", Self.school, "--auto-approve", "--via", "sis-import"])
            #expect(run.code == 0, "\(run.err.suffix(800))")
            let progress = run.err.split(separator: "\n").filter { $0.hasPrefix("applied ") }
            // The count is logged on a timer (every 5 s while it moves) and once at the end: the
            // lines before the last each have a moment of their own (the last may share a tick's).
            let times = progress.dropLast().map { $0.split(separator: " ").suffix(2).joined(separator: " ") }
            #expect(Set(times).count == times.count, "one line per moment: \(progress)")
            // At most one line a tick (5 s) and the last: a burst of settled operations is not
            // logged line by line.
            let elapsed = progress.last.flatMap { Double($0.split(separator: " ").dropLast().last ?? "") } ?? 0
            #expect(progress.count <= Int(elapsed / 5) + 2, "\(progress)")
            #expect(progress.last?.hasPrefix("applied 1022/1022 (0 failed) in ") == true, "\(run.err)")
        }
    }

    @Test func aDumbTerminalGetsNoCursorControl() async throws {
        try await SimHarness.with { sim in
            let out = OutputSink.capturing(), err = OutputSink.capturing(isTerminal: true)
            let console = Console(
                out: out, err: err,
                environment: ["CANVAS_URL": sim.server.baseURL, "CANVAS_TOKEN": SimHarness.token, "TERM": "dumb"],
                stdinIsTerminal: false, readLine: { nil }, workingDirectory: sim.directory.path)
            let code = await EaselCommand.run(["apply", Self.school, "--auto-approve", "--via", "api"], console: console)
            #expect(code == 0, "\(err.captured.suffix(800))")
            #expect(!err.captured.contains("\r"))
            #expect(!err.captured.contains("\u{1B}["))
            #expect(err.captured.contains("applied 1022/1022 (0 failed)"), "it logs lines instead: \(err.captured)")
        }
    }
}

/// Runs blocking work (waiting for a child process) on a thread of its own, not on the
/// cooperative pool the other tests share.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
