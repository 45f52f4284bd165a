import Foundation

/// A Canvas access token. Its value is sent only in the `Authorization` header; printing,
/// dumping or interpolating the token shows a placeholder, never the value.
public struct CanvasToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let value: String

    /// Validates `value`: not empty, and no whitespace or control characters inside it,
    /// which would break (or inject into) the `Authorization` header.
    public init(_ value: String, source: String = "the token") throws(CanvasTokenError) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(source: source) }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { throw .malformed(source: source) }
        self.value = trimmed
    }

    public var description: String { "CanvasToken(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// Why no usable token could be loaded.
public enum CanvasTokenError: Error, Equatable, CustomStringConvertible {
    case missing
    case empty(source: String)
    case malformed(source: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing:
            "no canvas token: set CANVAS_TOKEN or pass --token-file"
        case .empty(let source):
            "\(source) is empty"
        case .malformed(let source):
            "\(source) contains whitespace or control characters inside the token"
        case .unreadable(let path, let reason):
            "cannot read token file '\(path)': \(reason)"
        }
    }
}

extension CanvasToken {
    /// The token from `CANVAS_TOKEN`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CanvasTokenError) -> CanvasToken {
        guard let value = environment["CANVAS_TOKEN"] else { throw .missing }
        return try CanvasToken(value, source: "CANVAS_TOKEN")
    }

    /// The token stored in the file at `path`, surrounding whitespace trimmed.
    public static func fromFile(_ path: String) throws(CanvasTokenError) -> CanvasToken {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "no such file or not readable"
            throw .unreadable(path: path, reason: reason.lowercased())
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not utf-8 text")
        }
        return try CanvasToken(text, source: "token file '\(path)'")
    }

    /// `--token-file` when given, else `CANVAS_TOKEN`.
    public static func load(
        tokenFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CanvasTokenError) -> CanvasToken {
        if let tokenFile { return try fromFile(tokenFile) }
        return try fromEnvironment(environment)
    }
}
