import BulkFiles
import CanvasAPI

/// The files of a provisioning report, by kind, parsed.
public struct ProvisioningFiles: Sendable {
    public var tables: [ProvisioningReport.Kind: CSVTable] = [:]

    public subscript(kind: ProvisioningReport.Kind) -> CSVTable? { tables[kind] }
}

/// Runs Canvas's `provisioning_csv` report: start, poll, download, unzip, parse (`app/controllers/account_reports_controller.rb`; the CSVs: `gems/plugins/account_reports/lib/account_reports/sis_exporter.rb`).
///
/// A report is one POST, a few status polls and one download whatever the account's size,
/// where the REST listings cost a request per 100 objects and two per course.
public struct ProvisioningReport: Sendable {
    /// The report's files; each is named by its `parameters[…]` flag.
    public enum Kind: String, Sendable, CaseIterable {
        case users, terms, courses, sections, enrollments

        /// Identifies a file by its header, as the files' names differ across Canvas versions.
        static func detect(_ headers: [String]) -> Kind? {
            let h = Set(headers)
            if h.contains("canvas_enrollment_id") || (h.contains("canvas_user_id") && h.contains("role")) {
                return .enrollments
            }
            if h.contains("canvas_section_id") { return .sections }
            if h.contains("canvas_course_id") { return .courses }
            if h.contains("canvas_user_id") { return .users }
            if h.contains("canvas_term_id") { return .terms }
            return nil
        }

        /// The columns easel reads from the file: without one of them a row would read as
        /// something else (a missing id drops it), so a file lacking one fails the read.
        var requiredColumns: [String] {
            switch self {
            case .users: ["canvas_user_id", "user_id", "login_id", "full_name", "status"]
            case .terms: ["canvas_term_id", "term_id", "name", "status"]
            case .courses: ["canvas_course_id", "course_id", "short_name", "long_name", "canvas_account_id", "canvas_term_id", "status"]
            case .sections: ["canvas_section_id", "section_id", "canvas_course_id", "name", "status"]
            case .enrollments:
                ["canvas_enrollment_id", "canvas_course_id", "canvas_user_id", "role", "canvas_section_id", "status", "canvas_associated_user_id"]
            }
        }
    }

    /// Wraps a refusal to start a run (403/404: the token may not run reports): the one
    /// failure `--read-via auto` answers by reading through the API instead.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public var cause: CanvasError

        public var description: String {
            "the provisioning report is not available to this token (\(cause)); use --read-via api"
        }
    }

    public var client: CanvasClient
    public var account: CanvasRef
    public var kinds: [Kind]
    /// Limits courses, sections and enrollments to one term (a Canvas id).
    public var termCanvasId: String?
    /// Adds deleted and concluded rows (SIS-linked ones, and courses deleted lately).
    public var includeDeleted: Bool
    /// Waits between status polls: the first, doubling each time up to the last. A poll is a
    /// request against the throttle; a report takes seconds on a small account and minutes on
    /// a large one, so polls soon grow sparse.
    public var firstPoll: Duration = .milliseconds(500)
    public var longestPoll: Duration = .seconds(4)
    /// Gives up on a run that has not finished by then.
    public var timeout: Duration = .seconds(3600)

    public init(client: CanvasClient, account: CanvasRef, kinds: [Kind], termCanvasId: String?, includeDeleted: Bool) {
        self.client = client
        self.account = account
        self.kinds = kinds
        self.termCanvasId = termCanvasId
        self.includeDeleted = includeDeleted
    }

    /// Runs the report and returns its files; `progress` gets Canvas's 0–100 while it runs.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) async throws -> ProvisioningFiles {
        try await files(of: try await start(), progress: progress)
    }

    /// Asks Canvas for a run; a refusal throws `Unavailable`.
    public func start() async throws -> CanvasReport {
        var parameters = kinds.map { ($0.rawValue, "true") }
        if let termCanvasId { parameters.append(("enrollment_term_id", termCanvasId)) }
        if includeDeleted { parameters.append(("include_deleted", "true")) }
        do {
            return try await client.startReport(account: account, "provisioning_csv", parameters: parameters)
        } catch let error as CanvasError where [.forbidden, .notFound].contains(error.kind) {
            throw Unavailable(cause: error)
        }
    }

    /// Waits for a started run to finish, polling less often as it goes on, and downloads its files.
    ///
    /// Canvas runs an account's reports as background jobs, in turn: several runs are best
    /// started together and then waited for one after another, so that a later run is
    /// mostly finished by the time its first poll goes out.
    public func files(of started: CanvasReport, progress: (@Sendable (Int) -> Void)? = nil) async throws
        -> ProvisioningFiles
    {
        let polling = JobPolling(first: firstPoll, longest: longestPoll, timeout: timeout)
        let run = try await polling.wait(
            started, isFinished: \.isFinished,
            status: { try await client.report(account: account, "provisioning_csv", id: started.id) },
            progress: { progress?($0.progress ?? 0) },
            timedOut: { LiveReadError("the provisioning report \($0.id.rawValue) did not finish in \(timeout); try --read-via api") })
        guard run.status == "complete" else {
            throw LiveReadError(
                "the provisioning report \(run.id.rawValue) ended '\(run.status ?? "?")'"
                    + (run.message.map { ": \($0)" } ?? "") + "; try --read-via api")
        }
        guard let url = run.attachment?.url ?? run.fileUrl else {
            throw LiveReadError("the provisioning report \(run.id.rawValue) completed without a file")
        }
        let files = try Self.parse(try await client.download(url), reportId: run.id.rawValue)
        try Self.check(files, has: kinds, reportId: run.id.rawValue)
        return files
    }

    /// Fails unless every kind asked for came back with the columns easel reads.
    static func check(_ files: ProvisioningFiles, has kinds: [Kind], reportId: String) throws {
        for kind in kinds {
            guard let table = files[kind] else {
                throw LiveReadError("the provisioning report \(reportId) has no \(kind.rawValue) file; use --read-via api")
            }
            let missing = kind.requiredColumns.filter { !table.has($0) }
            guard missing.isEmpty else {
                throw LiveReadError(
                    "the provisioning report \(reportId)'s \(kind.rawValue) file lacks \(missing.joined(separator: ", ")); "
                        + "this Canvas's report is not one easel reads: use --read-via api")
            }
        }
    }

    /// A zip of CSVs (several kinds) or one CSV.
    static func parse(_ bytes: [UInt8], reportId: String) throws -> ProvisioningFiles {
        let files: [(String, [UInt8])]
        do {
            files = ZipReader.looksLikeZip(bytes) ? try ZipReader.read(bytes).map { ($0.name, $0.data) } : [("report.csv", bytes)]
        } catch {
            throw LiveReadError("the provisioning report \(reportId) is not a readable zip: \(error)")
        }
        var result = ProvisioningFiles()
        for (name, data) in files {
            let table: CSVTable
            do {
                table = CSVTable(records: try CSV.parse(data))
            } catch {
                throw LiveReadError("the provisioning report \(reportId): \(name): \(error)")
            }
            guard let kind = Kind.detect(table.headers) else { continue }
            result.tables[kind] = table
        }
        return result
    }
}
