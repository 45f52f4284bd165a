import Foundation

/// Appends every applied operation to a JSON-lines file, so an admin can answer
/// "what did easel change last Tuesday" (`.easel/journal.jsonl` beside the config).
public final class ApplyJournal: Sendable {
    public let path: String
    private let handle: FileHandle
    private let lock = NSLock()

    public struct Entry: Codable, Sendable {
        public var time: String
        public var canvasUrl: String
        public var outcome: String
        public var action: String
        public var kind: String
        public var id: String
        public var canvasId: String?
        public var message: String?
    }

    /// Opens (creating when needed) the journal for appending.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle.seekToEndOfFile()
        self.path = path
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The default place: `.easel/journal.jsonl` in the config's directory.
    public static func defaultPath(forConfig config: String) -> String {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: config, isDirectory: &isDirectory)
        let base = isDirectory.boolValue ? config : (config as NSString).deletingLastPathComponent
        return ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(".easel/journal.jsonl")
    }

    public func record(_ event: ApplyEvent, canvasUrl: String, now: Date = Date()) {
        let time = ConfigDate(epochSeconds: Int64(now.timeIntervalSince1970)).iso8601
        let entry: Entry
        switch event {
        case .done(let op, let canvasId):
            entry = Entry(time: time, canvasUrl: canvasUrl, outcome: "done", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: canvasId ?? op.canvasId)
        case .failed(let op, let message):
            entry = Entry(time: time, canvasUrl: canvasUrl, outcome: "failed", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: op.canvasId, message: message)
        case .skipped(let op, let because):
            entry = Entry(time: time, canvasUrl: canvasUrl, outcome: "skipped", action: op.action.rawValue, kind: op.kind.rawValue, id: op.id, canvasId: op.canvasId, message: "skipped: \(because) failed")
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else { return }
        lock.lock()
        defer { lock.unlock() }
        handle.write(data + Data("\n".utf8))
    }
}
