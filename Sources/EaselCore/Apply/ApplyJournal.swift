import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Appends every apply to a JSON-lines file (docs/journal.md), so an admin can answer "what
/// did easel change last Tuesday, from which commit, and who ran it": a `run` line before the
/// first operation, an `operation` line as each one ends, and a `run_end` line.
///
/// Each line is one `write(2)` on a descriptor opened with `O_APPEND`, so lines from two
/// applies writing at once interleave whole, never torn. A line that cannot be written (a
/// full disk) stops the journal: `failure` says after how many lines, and the apply starts
/// nothing new, since what it did could no longer be recorded.
public final class ApplyJournal: Sendable {
    public let path: String
    private let fd: Int32
    private let state = Mutex<State>(State())

    private struct State {
        /// Operation lines this apply wrote, and the last of them.
        var written = 0
        var last: Entry?
        var failure: FileDescriptorWriter.Failure?
        var run: String?
        /// The file ends in part of a line (a write a full disk cut short): the next line
        /// starts on a line of its own.
        var needsNewline = false
    }

    /// One operation's line. The flat fields are kept for `grep`; `operation` is the whole
    /// operation as planned (with its `before`), which is what undo reads.
    public struct Entry: Codable, Sendable {
        public var type: String? = "operation"
        public var run: String?
        public var time: String
        public var canvasUrl: String
        public var outcome: String
        public var action: String
        public var kind: String
        public var id: String
        public var canvasId: String?
        public var message: String?
        public var operation: PlanOperation?
    }

    /// The `run` line: `ApplyRun`'s fields, its id under `run`.
    private struct RunLine: Encodable {
        var run: ApplyRun
        func encode(to encoder: any Encoder) throws {
            try run.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode("run", forKey: .type)
        }
        enum Keys: String, CodingKey { case type }
    }

    private struct EndLine: Encodable {
        var run: String
        var end: ApplyRunEnd
        func encode(to encoder: any Encoder) throws {
            try end.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode("run_end", forKey: .type)
            try c.encode(run, forKey: .run)
        }
        enum Keys: String, CodingKey { case type, run }
    }

    /// Where the journal stopped, when a line could not be written.
    public struct Stop: Sendable {
        public var failure: FileDescriptorWriter.Failure
        /// Operation lines this apply wrote before the failed one.
        public var written: Int
        public var last: Entry?

        /// `after 12 lines (the last: done create course 2026-FALL-10A-MATH)`
        public var position: String {
            guard let last else { return "before its first operation line" }
            return "after \(written) operation line\(written == 1 ? "" : "s") (the last: \(last.outcome) \(last.action) \(last.kind) \(last.id))"
        }
    }

    /// Why the journal could not be opened.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating it and its folder when needed) the journal for appending.
    public init(path: String) throws(OpenError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw OpenError(description: "cannot create the folder '\(directory)': \(error.localizedDescription)")
            }
        }
        // Read and write: the last byte is read to see whether the file ends a line.
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OpenError(description: "cannot open '\(path)': \(FileDescriptorWriter.Failure(errno: errno))")
        }
        self.path = path
        self.fd = fd
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") {
                state.withLock { $0.needsNewline = true }
            }
        }
    }

    deinit { close(fd) }

    /// The line, once: nil when the journal already stopped.
    public var stop: Stop? {
        state.withLock { s in s.failure.map { Stop(failure: $0, written: s.written, last: s.last) } }
    }

    /// Appends one line for `event`; false when the journal could not take it (then or before).
    @discardableResult
    public func record(_ event: ApplyEvent, canvasUrl: String, now: Date = Date()) -> Bool {
        let time = ConfigDate(epochSeconds: Int64(now.timeIntervalSince1970)).iso8601
        let entry: Entry
        let run = state.withLock { $0.run }
        switch event {
        case .done(let op, let canvasId):
            entry = Entry(run: run, time: time, canvasUrl: canvasUrl, outcome: "done", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: canvasId ?? op.canvasId, operation: op)
        case .failed(let op, let message):
            entry = Entry(run: run, time: time, canvasUrl: canvasUrl, outcome: "failed", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: op.canvasId, message: message, operation: op)
        case .skipped(let op, let because):
            entry = Entry(run: run, time: time, canvasUrl: canvasUrl, outcome: "skipped", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: op.canvasId, message: "skipped: \(because) failed", operation: op)
        }
        return append(entry, operation: entry)
    }

    /// Writes the run's line; the operation lines that follow carry its id.
    @discardableResult
    public func begin(_ run: ApplyRun) -> Bool {
        state.withLock { $0.run = run.id }
        return append(RunLine(run: run), operation: nil)
    }

    /// Writes how the run ended (when the journal still takes lines).
    @discardableResult
    public func end(_ end: ApplyRunEnd) -> Bool {
        guard let run = state.withLock({ $0.run }) else { return false }
        return append(EndLine(run: run, end: end), operation: nil)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func append(_ line: some Encodable, operation: Entry?) -> Bool {
        guard let data = try? Self.encoder.encode(line) else { return false }
        return state.withLock { s in
            guard s.failure == nil else { return false }
            do throws(FileDescriptorWriter.Failure) {
                // One write for the whole line: O_APPEND keeps it whole beside other writers'.
                let line = (s.needsNewline ? Data("\n".utf8) : Data()) + data + Data("\n".utf8)
                try FileDescriptorWriter.write(fd, line)
                s.needsNewline = false
                if let operation {
                    s.written += 1
                    s.last = operation
                }
                return true
            } catch {
                s.failure = error
                return false
            }
        }
    }
}
