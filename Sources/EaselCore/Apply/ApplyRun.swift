import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One `apply`, as the journal records it before its first operation: what was applied, to
/// which Canvas, from which commit, by whom (docs/journal.md). Nothing in it is secret.
public struct ApplyRun: Codable, Sendable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion = ApplyRun.currentFormatVersion
    /// Sortable, time first: `20261206T054512Z-3f9a`.
    public var id: String
    public var easelVersion: String
    public var canvasUrl: String
    public var account: String
    public var configHash: String
    /// The digest of the plan as applied (its canonical form, as a saved plan's seal).
    public var planHash: String
    /// The saved plan's path, when `apply --plan` ran one.
    public var planFile: String?
    public var git: GitState?
    public var actor: RunActor
    /// `--read-via` and `--via` as given.
    public var readVia: String
    public var writeVia: String
    public var startedAt: String
    /// Operations in the plan.
    public var operations: Int

    /// The id is written under `run`, as every journal line names its run.
    enum CodingKeys: String, CodingKey {
        case formatVersion, id = "run", easelVersion, canvasUrl, account, configHash, planHash, planFile, git, actor
        case readVia, writeVia, startedAt, operations
    }

    public init(
        plan: Plan, planFile: String?, git: GitState?, actor: RunActor, readVia: String, writeVia: String,
        easelVersion: String, now: Date = Date()
    ) {
        id = Self.newId(now)
        self.easelVersion = easelVersion
        canvasUrl = plan.canvasUrl
        account = plan.account
        configHash = plan.configHash
        planHash = PlanSeal.make(for: plan, key: nil).digest
        self.planFile = planFile
        self.git = git
        self.actor = actor
        self.readVia = readVia
        self.writeVia = writeVia
        startedAt = ConfigDate(epochSeconds: Int64(now.timeIntervalSince1970)).iso8601
        operations = plan.operations.count
    }

    /// `20261206T054512Z-3f9a`: UTC time to the second, then four random hex digits so two
    /// runs started in one second differ.
    static func newId(_ now: Date) -> String {
        let stamp = ConfigDate(epochSeconds: Int64(now.timeIntervalSince1970)).iso8601
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}

/// How a run ended, written after its last operation.
public struct ApplyRunEnd: Codable, Sendable, Equatable {
    public var endedAt: String
    public var done: Int
    public var failed: Int
    public var skipped: Int
    public var notStarted: Int
    /// `complete`, `failed` (some operation failed or was skipped), or `stopped` (the
    /// journal could not be written, or the apply was interrupted).
    public var outcome: String

    public init(report: ApplyReport, stopped: Bool, now: Date = Date()) {
        endedAt = ConfigDate(epochSeconds: Int64(now.timeIntervalSince1970)).iso8601
        done = report.succeeded.count
        failed = report.failed.count
        skipped = report.skipped.count
        notStarted = report.notStarted.count
        outcome = stopped || !report.notStarted.isEmpty ? "stopped" : report.isComplete ? "complete" : "failed"
    }
}

/// Who ran an apply: the CI's actor and run when a CI runs it, else the local user.
public struct RunActor: Codable, Sendable, Equatable {
    public var name: String
    /// `github`, `gitlab` or `local`.
    public var via: String
    public var runUrl: String?
    public var pullRequest: String?

    public init(name: String, via: String, runUrl: String? = nil, pullRequest: String? = nil) {
        self.name = name
        self.via = via
        self.runUrl = runUrl
        self.pullRequest = pullRequest
    }

    /// From the environment GitHub Actions and GitLab CI set (their documented variables).
    public static func from(environment env: [String: String]) -> RunActor {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        if value("GITHUB_ACTIONS") == "true" || value("GITHUB_ACTOR") != nil {
            var url: String?
            if let server = value("GITHUB_SERVER_URL"), let repo = value("GITHUB_REPOSITORY"), let run = value("GITHUB_RUN_ID") {
                url = "\(server)/\(repo)/actions/runs/\(run)"
            }
            // `refs/pull/42/merge` on pull-request events.
            let ref = value("GITHUB_REF") ?? ""
            let parts = ref.split(separator: "/")
            let pr = parts.count == 4 && parts[1] == "pull" ? String(parts[2]) : nil
            return RunActor(name: value("GITHUB_ACTOR") ?? "github", via: "github", runUrl: url, pullRequest: pr)
        }
        if value("GITLAB_CI") == "true" || value("GITLAB_USER_LOGIN") != nil {
            return RunActor(
                name: value("GITLAB_USER_LOGIN") ?? "gitlab", via: "gitlab", runUrl: value("CI_PIPELINE_URL"),
                pullRequest: value("CI_MERGE_REQUEST_IID"))
        }
        let user = value("USER") ?? value("LOGNAME") ?? getpwuid(getuid()).flatMap { String(validatingCString: $0.pointee.pw_name) } ?? "unknown"
        return RunActor(name: "\(user)@\(ProcessInfo.processInfo.hostName)", via: "local")
    }
}

/// The git commit a config was applied from, when its folder is in a repository.
public struct GitState: Codable, Sendable, Equatable {
    public var commit: String
    public var branch: String?
    /// Uncommitted changes in the repository when the run started.
    public var dirty: Bool

    public init(commit: String, branch: String?, dirty: Bool) {
        self.commit = commit
        self.branch = branch
        self.dirty = dirty
    }

    /// Asks `git` about the repository holding `path`, on a thread of its own: waiting for a
    /// child process must not block the cooperative pool.
    public static func read(at path: String) async -> GitState? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: readBlocking(at: path)) }
        }
    }

    /// Asks `git` about the repository holding `path` (a file or folder); nil outside one,
    /// or without git. Blocks while git runs.
    public static func readBlocking(at path: String) -> GitState? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        let directory = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        guard let commit = git(["rev-parse", "HEAD"], in: folder), !commit.isEmpty else { return nil }
        let branch = git(["rev-parse", "--abbrev-ref", "HEAD"], in: folder).flatMap { $0 == "HEAD" ? nil : $0 }
        let status = git(["status", "--porcelain", "--untracked-files=no"], in: folder)
        return GitState(commit: commit, branch: branch, dirty: !(status ?? "").isEmpty)
    }

    private static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
