import Foundation
import Synchronization

/// Where a command's output goes: the process's stdout/stderr, or a buffer in tests.
public final class OutputSink: Sendable {
    private enum Target {
        case handle(FileHandle)
        case buffer
    }

    private let target: Target
    private let buffer = Mutex<String>("")
    /// Whether the sink is a terminal (progress and colour are for terminals only).
    public let isTerminal: Bool

    private init(_ target: Target, isTerminal: Bool) {
        self.target = target
        self.isTerminal = isTerminal
    }

    public static var standardOutput: OutputSink { OutputSink(.handle(.standardOutput), isTerminal: isatty(1) == 1) }
    public static var standardError: OutputSink { OutputSink(.handle(.standardError), isTerminal: isatty(2) == 1) }
    public static func capturing(isTerminal: Bool = false) -> OutputSink { OutputSink(.buffer, isTerminal: isTerminal) }

    public func write(_ text: String) {
        switch target {
        case .handle(let handle): handle.write(Data(text.utf8))
        case .buffer: buffer.withLock { $0 += text }
        }
    }

    public func line(_ text: String = "") { write(text + "\n") }

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

    public init(
        out: OutputSink, err: OutputSink, environment: [String: String], stdinIsTerminal: Bool,
        readLine: @escaping @Sendable () -> String? = { Swift.readLine() }
    ) {
        self.out = out
        self.err = err
        self.environment = environment
        self.stdinIsTerminal = stdinIsTerminal
        self.readLine = readLine
    }

    public static var process: Console {
        Console(
            out: .standardOutput, err: .standardError, environment: ProcessInfo.processInfo.environment,
            stdinIsTerminal: isatty(0) == 1)
    }

    @TaskLocal public static var current: Console = .process

    /// Colour only on a terminal, and never with NO_COLOR or --no-color.
    func colorEnabled(for sink: OutputSink, noColor: Bool) -> Bool {
        sink.isTerminal && !noColor && (environment["NO_COLOR"] ?? "").isEmpty
    }
}
