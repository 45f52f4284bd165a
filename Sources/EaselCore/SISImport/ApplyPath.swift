/// How `easel apply` writes to Canvas: `--via api|sis-import|auto`.
public enum ApplyVia: String, Sendable, CaseIterable {
    case api
    case sisImport = "sis-import"
    case auto
}

/// The path an apply takes, and why: told on stderr before it starts.
public struct ApplyPath: Sendable, Equatable {
    /// Below this many operations that a SIS import can carry, `auto` writes through the
    /// API: an import costs a few requests but seconds of Canvas's queue, while a few
    /// hundred API writes finish in about the time one import takes to be picked up.
    public static let defaultThreshold = 200

    public var usesSISImport: Bool
    public var reason: String

    public init(usesSISImport: Bool, reason: String) {
        self.usesSISImport = usesSISImport
        self.reason = reason
    }

    /// Picks the path for `staging`; nil with an error message when `--via sis-import` cannot be honoured.
    public static func choose(_ via: ApplyVia, staging: SISStaging, context: SISContext, threshold: Int)
        -> Result<ApplyPath, ApplyPathError>
    {
        let count = staging.imported.count
        let api = staging.before.count + staging.after.count
        let sis = ApplyPath(
            usesSISImport: true,
            reason: "via SIS import: \(operations(count)) in one import, \(api) through the API")
        switch via {
        case .api:
            return .success(ApplyPath(usesSISImport: false, reason: "via the API"))
        case .sisImport:
            guard context.accountIsRoot else {
                return .failure(.needsRootAccount)
            }
            return .success(sis)
        case .auto:
            guard context.accountIsRoot else {
                return .success(ApplyPath(usesSISImport: false, reason: "via the API (auto: the account is not a root account)"))
            }
            guard count >= threshold else {
                return .success(ApplyPath(
                    usesSISImport: false,
                    reason: "via the API (auto: \(operations(count)) a SIS import could carry, below the threshold of \(threshold))"))
            }
            return .success(sis)
        }
    }
}

/// `1 operation`, `2 operations`.
private func operations(_ n: Int) -> String { n == 1 ? "1 operation" : "\(n) operations" }

public struct ApplyPathError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }

    /// `--via sis-import` with a sub-account as `canvas.account`.
    public static let needsRootAccount = ApplyPathError(
        "--via sis-import needs the root account, and canvas.account is a sub-account "
            + "(SIS imports run on root accounts only): use --via api, or set canvas.account to the root account")
}
