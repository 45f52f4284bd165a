/// One request as `--verbose` shows it. `path` never holds the token or an `access_token`.
public struct CanvasRequestLog: Sendable, CustomStringConvertible {
    public let method: String
    /// Path and query, as sent, without `access_token`/`api_key` parameters.
    public let path: String
    /// nil when no response came back.
    public let status: Int?
    public let milliseconds: Int
    public let requestCost: Double?
    public let rateLimitRemaining: Double?
    /// 1 for the first try of a call, 2 for its first retry, …
    public let attempt: Int
    /// The transport failure, when there was no response.
    public let failure: String?

    public var description: String {
        var line = "\(method) \(path) \(status.map(String.init) ?? "---") \(milliseconds)ms"
        if let requestCost { line += " cost=\(requestCost)" }
        if let rateLimitRemaining { line += " remaining=\(rateLimitRemaining)" }
        if attempt > 1 { line += " attempt=\(attempt)" }
        if let failure { line += " (\(failure))" }
        return line
    }

    /// `url` without scheme, host and secret-bearing query parameters.
    static func redactedPath(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        guard let question = rest.firstIndex(of: "?") else { return String(rest) }
        let kept = rest[rest.index(after: question)...].split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return name != "access_token" && name != "api_key"
        }
        return String(rest[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// A redirect target as an error may show it: scheme, host and path, no query (signed
    /// file URLs carry their credentials there) and no user info.
    static func redactedLocation(_ location: String) -> String {
        var text = Substring(location)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        if let scheme = text.range(of: "://") {
            let afterScheme = text[scheme.upperBound...]
            let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            if let at = afterScheme[..<authorityEnd].lastIndex(of: "@") {
                text = text[..<scheme.upperBound] + afterScheme[afterScheme.index(after: at)...]
            }
        }
        return String(text)
    }
}
