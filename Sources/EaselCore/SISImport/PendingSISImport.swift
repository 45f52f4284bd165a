import CanvasAPI
import Foundation

/// The SIS import an apply started and has not yet seen end (`EaselDirectory.pendingImport`).
///
/// A killed apply leaves its import running in Canvas. The next apply in the same place
/// waits for it before planning, or it would plan against a Canvas that is still changing
/// and upload the same rows a second time.
public struct PendingSISImport: Codable, Sendable, Equatable {
    public var canvasUrl: String
    /// The root account the import runs in.
    public var account: String
    public var id: String
    public var started: String

    public init(canvasUrl: String, account: String, id: String, started: Date = Date()) {
        self.canvasUrl = canvasUrl
        self.account = account
        self.id = id
        self.started = ConfigDate(epochSeconds: Int64(started.timeIntervalSince1970)).iso8601
    }

    /// The record at `path`, if there is one (an unreadable one counts as none).
    public static func load(_ path: String) -> PendingSISImport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? decoder.decode(PendingSISImport.self, from: data)
    }

    /// Writes the record (best effort: an apply that cannot write it still runs).
    public func save(_ path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard let data = try? Self.encoder.encode(self) else { return }
        _ = FileManager.default.createFile(atPath: path, contents: data)
    }

    public static func clear(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()
}

extension SISImporter {
    /// Waits for an import this client did not start (an earlier apply's) to end.
    public func waitForEarlier(id: String, progress: (@Sendable (CanvasSISImport) -> Void)? = nil) async throws
        -> CanvasSISImport
    {
        let current = try await client.sisImport(account: account, id: CanvasID(id))
        progress?(current)
        return try await wait(current, progress: progress)
    }
}
