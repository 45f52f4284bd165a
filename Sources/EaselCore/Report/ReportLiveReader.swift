import CanvasAPI

/// Reads the live state of a plan's scope through Canvas's provisioning report.
///
/// One report per declared term gives that term's courses, sections and enrollments (with
/// `include_deleted`, so concluded and deleted enrollments are revived, not re-created, as on
/// the REST path); one more gives the root account's users when the config names more of
/// them than `api.userListingThreshold`. The account, terms, sub-accounts and roles, the few
/// declared courses the reports cannot show (no declared term, another account) and their
/// rosters come from the REST path, so the snapshot is the one `CanvasLiveReader` builds.
///
/// Where the report shows less than the REST listings, by Canvas's design (docs/bulk-paths.md):
/// deleted enrollments appear only when SIS-linked, so rosters of courses without a SIS id are
/// read through the REST path, and another deleted enrollment the config wants back plans
/// `create` rather than `reactivate` (Canvas revives the same row either way); enrollments of
/// users without a login in the root account are not in the report at all.
public struct ReportLiveReader: LiveReader {
    /// The REST reader for what the report does not carry, and its progress callback.
    public var api: CanvasLiveReader

    public init(api: CanvasLiveReader) {
        self.api = api
    }

    public func read(_ scope: PlanScope) async throws -> LiveState {
        let tracker = ReadTracker(client: api.client, report: api.progress)
        var frame = try await api.readFrame(scope, tracker)
        let declared = Set(scope.termIds)
        let termIds = frame.live.terms.filter { $0.workflowState != "deleted" && $0.sisId.map(declared.contains) == true }
            .map(\.canvasId)
        let usersByReport = Set(scope.userKeys).count > api.userListingThreshold
        // On the root account the first term's report carries the users too; a sub-account's
        // report would hold only the users enrolled in it, so theirs is a run on the root.
        let usersInTermReport = usersByReport && frame.live.account.isRoot && !termIds.isEmpty

        var runs: [ProvisioningReport] = termIds.enumerated().map { index, termId in
            let kinds: [ProvisioningReport.Kind] = [.courses, .sections, .enrollments] + (usersInTermReport && index == 0 ? [.users] : [])
            return ProvisioningReport(client: api.client, account: frame.account, kinds: kinds, termCanvasId: termId, includeDeleted: true)
        }
        if usersByReport, !usersInTermReport {
            runs.append(ProvisioningReport(client: api.client, account: frame.root, kinds: [.users], termCanvasId: nil, includeDeleted: false))
        }
        tracker.phase(.report, reportsTotal: runs.count)
        let root = frame.root
        async let smallUsers = usersByReport ? [] : api.readUsers(scope, root: root, tracker)
        // Started together, waited for in turn (see `ProvisioningReport.files(of:)`).
        let started = try await runs.concurrentMap(width: max(runs.count, 1)) { try await $0.start() }
        var files: [ProvisioningFiles] = []
        for (run, report) in zip(runs, started) {
            let name = run.termCanvasId ?? "users"
            let read = try await run.files(of: report) { tracker.reportProgress(name, $0) }
            tracker.reportProgress(name, 100)
            tracker.read(read.tables.values.reduce(0) { $0 + $1.rows.count }, report: true)
            files.append(read)
        }

        tracker.phase(.courses)
        var reported = try files.flatMap { $0[.courses]?.reportRows ?? [] }.compactMap(LiveCourse.init(report:))
        let sections = Dictionary(grouping: files.flatMap { $0[.sections]?.reportRows ?? [] }) { $0["canvas_course_id"] ?? "" }
        let enrollments = Dictionary(grouping: files.flatMap { $0[.enrollments]?.reportRows ?? [] }) {
            $0["canvas_course_id"] ?? ""
        }
        for i in reported.indices where reported[i].workflowState != "deleted" {
            let id = reported[i].canvasId
            // A deleted section's row (SIS-linked ones come with include_deleted) is not a section.
            reported[i].sections = try (sections[id] ?? []).filter { $0["status"] != "deleted" }.compactMap(LiveSection.init(report:))
            reported[i].enrollments = (enrollments[id] ?? []).compactMap(LiveEnrollment.init(report:))
        }

        // Declared courses outside the reports, and their rosters, through the REST path; so
        // are the rosters of courses without a SIS id, whose deleted enrollments the report omits.
        let fetched = try await lookUpMissing(CanvasLiveReader.missing(from: reported, scope), frame, tracker)
        let scoped = CanvasLiveReader.scoped(reported + fetched, scope)
        let reportedIds = Set(reported.map(\.canvasId))
        let unread = scoped.filter {
            $0.managed && $0.course.workflowState != "deleted" && (!reportedIds.contains($0.course.canvasId) || $0.course.sisId == nil)
        }
        tracker.phase(.rosters, rostersTotal: unread.count)
        let rosters = try await unread.concurrentMap(width: api.width) { try await api.readRoster($0.course, tracker) }
        let rosterById = Dictionary(rosters.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        frame.live.courses = scoped.map { rosterById[$0.course.canvasId] ?? $0.course }

        tracker.phase(.users)
        if usersByReport {
            let rows = files.flatMap { $0[.users]?.reportRows ?? [] }.filter { $0["status"] != "deleted" }
            frame.live.users = Self.users(rows.compactMap(LiveUser.init(report:)), scope)
        } else {
            frame.live.users = try await smallUsers
        }
        tracker.phase(.done)
        return frame.live
    }

    /// Above this many declared courses that the term reports lack, one more report looks for
    /// them across the whole root account instead of a GET each (a term rollover declares a
    /// term Canvas does not have yet, and every course of it is missing).
    static let lookupReportThreshold = 20

    /// The declared courses and mapped ids the term reports lack. On the root account many of
    /// them are looked for in one courses-only report of the whole account (it shows every
    /// course with a SIS id, deleted ones included, so a SIS id it lacks is absent from
    /// Canvas); the rest, and all of them on a sub-account, one GET each.
    private func lookUpMissing(_ missing: [CanvasRef], _ frame: CanvasLiveReader.Frame, _ tracker: ReadTracker)
        async throws -> [LiveCourse]
    {
        guard frame.live.account.isRoot, missing.count > Self.lookupReportThreshold else {
            return try await api.lookUpCourses(missing, tracker).map(LiveCourse.init)
        }
        let run = ProvisioningReport(client: api.client, account: frame.account, kinds: [.courses], termCanvasId: nil, includeDeleted: true)
        tracker.addReport()
        let files = try await run.run { tracker.reportProgress("courses", $0) }
        let all = try files[.courses]?.reportRows.compactMap(LiveCourse.init(report:)) ?? []
        tracker.read(all.count, report: true)
        var wantedSis = Set<String>()
        var wantedIds = Set<String>()
        for ref in missing {
            switch ref {
            case .sis(_, let id): wantedSis.insert(id)
            case .id(let id): wantedIds.insert(id.rawValue)
            case .special: break
            }
        }
        let found = all.filter { $0.sisId.map(wantedSis.contains) == true || wantedIds.contains($0.canvasId) }
        // A mapped course deleted long ago without a SIS id is not in the report: ask for it.
        let foundIds = Set(found.map(\.canvasId))
        let unseen = missing.filter { if case .id(let id) = $0 { !foundIds.contains(id.rawValue) } else { false } }
        return try await found + api.lookUpCourses(unseen, tracker).map(LiveCourse.init)
    }

    /// The users the config names, found among the report's logins by SIS id or by login.
    static func users(_ logins: [LiveUser], _ scope: PlanScope) -> [LiveUser] {
        let byLogin = scope.userKey == .login
        var index: [String: LiveUser] = [:]
        for login in logins {
            guard let key = byLogin ? login.login?.lowercased() : login.sisId else { continue }
            if index[key] == nil { index[key] = login }
        }
        var seen = Set<String>()
        return scope.userKeys.compactMap { key in
            let folded = byLogin ? key.lowercased() : key
            guard seen.insert(folded).inserted, var user = index[folded] else { return nil }
            if byLogin { user.login = key }
            return user
        }
    }
}
