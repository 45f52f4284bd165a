import Foundation

/// The Canvas instance's origin, checked: `https://` anywhere, `http://` only on loopback,
/// because the bearer token would otherwise cross the network in clear text.
struct CanvasBaseURL: Sendable, Equatable {
    /// `scheme://host[:port]`, lowercased, no trailing slash.
    let origin: String
    /// Path prefix before `/api/v1`, usually empty.
    let prefix: String

    init(_ text: String) throws(CanvasConfigurationError) {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = url.scheme?.lowercased(), let rawHost = url.host, !rawHost.isEmpty
        else { throw .invalidURL(text) }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw .invalidURL(text)
        }
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        switch scheme {
        case "https": break
        case "http" where Self.isLoopback(host): break
        case "http": throw .insecureURL(host: host)
        default: throw .invalidURL(text)
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        origin = "\(scheme)://\(hostPart)" + (url.port.map { ":\($0)" } ?? "")
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        prefix = path
    }

    /// 127.0.0.0/8, `::1` and `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Whether `url` (a pagination link) points at this same Canvas, so the token may go there.
    func owns(_ url: String) -> Bool {
        guard url.lowercased().hasPrefix(origin.lowercased()) else { return false }
        let rest = url.dropFirst(origin.count)
        return rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?")
    }
}

/// A `CanvasClient` configuration that cannot work.
public enum CanvasConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case insecureURL(host: String)

    public var description: String {
        switch self {
        case .invalidURL(let text):
            "invalid canvas url '\(text)': expected https://host[:port]"
        case .insecureURL(let host):
            "refusing plain http to '\(host)': the token would travel unencrypted; use https (http is allowed only for loopback)"
        }
    }
}
