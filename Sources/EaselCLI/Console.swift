import EaselCore
import Foundation
import Synchronization

/// Where a command's output goes: a file descriptor (stdout, stderr), or a buffer in tests.
///
/// A write that fails (the reader closed the pipe, the disk is full) closes the sink: later
/// writes are dropped, and `failure` says why, so the command can end with a message instead
/// of a trap.
public final class OutputSink: Sendable {
    private enum Target {
        case descriptor(Int32)
        case buffer
    }

    private let target: Target
    private let buffer = Mutex<String>("")
    private let failed = Mutex<FileDescriptorWriter.Failure?>(nil)
    /// Whether the sink is a terminal (progress and colour are for terminals only).
    public let isTerminal: Bool

    private init(_ target: Target, isTerminal: Bool) {
        self.target = target
        self.isTerminal = isTerminal
    }

    public static var standardOutput: OutputSink { OutputSink(.descriptor(1), isTerminal: isatty(1) == 1) }
    public static var standardError: OutputSink { OutputSink(.descriptor(2), isTerminal: isatty(2) == 1) }
    public static func capturing(isTerminal: Bool = false) -> OutputSink { OutputSink(.buffer, isTerminal: isTerminal) }
    /// A sink on a descriptor the caller owns (tests: a pipe whose reader is closed, `/dev/full`).
    public static func descriptor(_ fd: Int32, isTerminal: Bool = false) -> OutputSink {
        OutputSink(.descriptor(fd), isTerminal: isTerminal)
    }

    public func write(_ text: String) {
        switch target {
        case .descriptor(let fd):
            failed.withLock { failure in
                guard failure == nil else { return }
                do throws(FileDescriptorWriter.Failure) { try FileDescriptorWriter.write(fd, text.utf8) } catch { failure = error }
            }
        case .buffer: buffer.withLock { $0 += text }
        }
    }

    public func line(_ text: String = "") { write(text + "\n") }

    /// Why the sink stopped taking output, if it did.
    public var failure: FileDescriptorWriter.Failure? { failed.withLock { $0 } }

    /// What a capturing sink has received.
    public var captured: String { buffer.withLock { $0 } }
}

/// The process around a command: its output, environment and working directory.
public struct Console: Sendable {
    public var out: OutputSink
    public var err: OutputSink
    public var environment: [String: String]
    public var stdinIsTerminal: Bool
    public var readLine: @Sendable () -> String?
    /// Where `.easel/` (the journal, the apply lock) lives: the process's working directory.
    public var workingDirectory: String

    public init(
        out: OutputSink, err: OutputSink, environment: [String: String], stdinIsTerminal: Bool,
        readLine: @escaping @Sendable () -> String? = { Swift.readLine() },
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.out = out
        self.err = err
        self.environment = environment
        self.stdinIsTerminal = stdinIsTerminal
        self.readLine = readLine
        self.workingDirectory = workingDirectory
    }

    /// `.easel/` here.
    public var easelDirectory: EaselDirectory { EaselDirectory(workingDirectory: workingDirectory) }

    public static var process: Console {
        Console(
            out: .standardOutput, err: .standardError, environment: ProcessInfo.processInfo.environment,
            stdinIsTerminal: isatty(0) == 1)
    }

    @TaskLocal public static var current: Console = .process

    /// Whether progress may redraw one line in place (`\r`, erase): a terminal that is not `TERM=dumb`.
    var liveProgress: Bool { err.isTerminal && environment["TERM"] != "dumb" }

    /// Colour only on a terminal, and never with NO_COLOR or --no-color.
    func colorEnabled(for sink: OutputSink, noColor: Bool) -> Bool {
        sink.isTerminal && !noColor && (environment["NO_COLOR"] ?? "").isEmpty
    }
}
