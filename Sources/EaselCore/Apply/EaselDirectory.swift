/// `.easel/` in the working directory: what easel keeps between runs in one place, as
/// Terraform keeps `.terraform/` where it runs, wherever the config or the plan file lives.
public struct EaselDirectory: Sendable {
    /// The `.easel` folder itself.
    public var path: String

    public init(workingDirectory: String) {
        path = (workingDirectory.isEmpty ? "." : workingDirectory) + "/.easel"
    }

    /// The journal of every apply (`--journal` puts it elsewhere).
    public var journal: String { path + "/journal.jsonl" }
    /// Held by the running apply (see `ApplyLock`).
    public var applyLock: String { path + "/apply.lock" }
    /// The SIS import an apply to `canvasUrl` started and has not seen end (see
    /// `PendingSISImport`): one file per Canvas, so an apply to another keeps this one's.
    public func pendingImport(for canvasUrl: String) -> String {
        path + "/sis-import-" + String(SHA256.hex(Array(canvasUrl.utf8)).prefix(12)) + ".json"
    }
}
