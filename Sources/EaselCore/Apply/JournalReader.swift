import Foundation

/// Reads a journal back into runs (docs/journal.md), for `easel log` and undo.
public enum JournalReader {
    /// One run: its header, its operation lines in the order they ended, and how it ended.
    public struct Run: Sendable {
        /// nil for lines an easel before runs wrote (they are gathered as one run, `legacy`).
        public var header: ApplyRun?
        public var id: String
        public var entries: [ApplyJournal.Entry] = []
        public var end: ApplyRunEnd?

        public var done: Int { entries.count { $0.outcome == "done" } }
        public var failed: Int { entries.count { $0.outcome == "failed" } }
        public var skipped: Int { entries.count { $0.outcome == "skipped" } }

        /// `complete`, `failed`, `stopped`, or `running` (no end line: still running, or killed).
        public var outcome: String { end?.outcome ?? (header == nil ? "legacy" : "running") }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The runs in `path`, oldest first. A line that is not JSON is skipped (a torn last
    /// line of a killed run), and so is one of a type this easel does not know.
    public static func runs(at path: String) throws(Failure) -> [Run] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read the journal '\(path)'")
        }
        return runs(in: data)
    }

    public static func runs(in data: Data) -> [Run] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Kind: Decodable { var type: String?; var run: String? }
        struct End: Decodable { var run: String }
        var runs: [Run] = []
        var index: [String: Int] = [:]
        func run(_ id: String) -> Int {
            if let i = index[id] { return i }
            index[id] = runs.count
            runs.append(Run(header: nil, id: id))
            return runs.count - 1
        }
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let bytes = Data(line)
            guard let kind = try? decoder.decode(Kind.self, from: bytes) else { continue }
            switch kind.type {
            case "run":
                guard let header = try? decoder.decode(ApplyRun.self, from: bytes) else { continue }
                runs[run(header.id)].header = header
            case "run_end":
                guard let id = kind.run, let end = try? decoder.decode(ApplyRunEnd.self, from: bytes) else { continue }
                runs[run(id)].end = end
            case "operation", nil:
                guard let entry = try? decoder.decode(ApplyJournal.Entry.self, from: bytes) else { continue }
                runs[run(entry.run ?? "legacy")].entries.append(entry)
            default:
                continue
            }
        }
        return runs
    }
}
