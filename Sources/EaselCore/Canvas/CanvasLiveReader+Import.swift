import CanvasAPI

extension CanvasLiveReader {
    /// Course states an import reads: everything but deleted.
    static let importedCourseStates: [CourseListState] = [.created, .claimed, .available, .completed]

    /// Reads what `easel import` turns into a config: the selected terms, every course of
    /// theirs under the selected account with its sections and enrollments, the custom roles,
    /// the sub-accounts, and the users those enrollments reference. With no term selected,
    /// the courses of terms without a SIS id (the Default Term) are read too.
    ///
    /// The result's `account` is the root account (terms live there, so the config's
    /// `canvas.account` must name it), and its `terms` are the selected terms with a SIS id.
    public func readForImport(_ selection: ImportSelection) async throws -> LiveState {
        let tracker = ReadTracker(client: client, report: progress)
        var live = LiveState()

        let listed = try await findAccount(selection.account ?? "self")
        let rootId = listed.rootAccountId ?? listed.id
        let root = listed.rootAccountId == nil ? listed : try await client.account(.id(rootId))
        live.account = LiveAccount(root)
        let rootRef = CanvasRef.id(rootId)
        tracker.read(1)

        tracker.phase(.terms)
        async let subAccounts = client.subAccounts(of: rootRef, recursive: true)
        async let roles = readRoles(rootRef, tracker)
        let terms = try await client.terms(account: rootRef, state: .active).map(LiveTerm.init)
        live.terms = try Self.select(terms, selection.termIds)
        live.subAccounts = try await subAccounts.map(LiveAccount.init)
        live.roles = try await roles
        tracker.read(terms.count + live.subAccounts.count)

        tracker.phase(.courses)
        let accountRef = CanvasRef.id(listed.id)
        let listedTerms = live.terms + (selection.termIds.isEmpty ? terms.filter { $0.sisId == nil } : [])
        let courses = try await listedTerms.concurrentMap(width: width) { [client] term in
            let query = CourseListQuery(term: .id(CanvasID(term.canvasId)), states: Self.importedCourseStates)
            let courses = try await client.courses(account: accountRef, query)
            tracker.read(courses.count)
            return courses.map(LiveCourse.init)
        }.flatMap { $0 }

        tracker.phase(.rosters, rostersTotal: courses.count)
        live.courses = try await courses.concurrentMap(width: width) { course in
            try await readRoster(course, tracker)
        }

        tracker.phase(.users)
        var seen = Set<String>()
        let userIds = live.courses.flatMap { course in
            course.enrollments.flatMap { [$0.userCanvasId] + ($0.associatedUserCanvasId.map { [$0] } ?? []) }
        }.filter { seen.insert($0).inserted }
        live.users = try await readUsers(canvasIds: userIds, root: rootRef, tracker)
        tracker.phase(.done)
        return live
    }

    private func findAccount(_ text: String) async throws -> CanvasAccount {
        do {
            return try await client.account(CanvasRef(text))
        } catch let error as CanvasError where error.kind == .notFound {
            throw LiveReadError(
                "canvas has no account '\(text)' (--account): use a numeric account id "
                    + "(Admin → the account's URL shows it) or an existing sis_account_id:X")
        }
    }

    /// The terms asked for, in the order asked; every term with a SIS id when none were.
    static func select(_ terms: [LiveTerm], _ wanted: [String]) throws -> [LiveTerm] {
        let keyed = terms.filter { $0.sisId != nil }
        guard !wanted.isEmpty else { return keyed.sorted { ($0.start?.epochSeconds ?? .min, $0.sisId!) < ($1.start?.epochSeconds ?? .min, $1.sisId!) } }
        let bySis = Dictionary(keyed.map { ($0.sisId!, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        return try wanted.filter { seen.insert($0).inserted }.map { id in
            guard let term = bySis[id] else {
                let known = bySis.keys.sorted()
                throw LiveReadError(
                    "canvas has no active term with SIS id '\(id)' (--term)\(Suggestion.hint(for: id, in: known))"
                        + (known.isEmpty ? ": no term has a SIS id" : ""))
            }
            return term
        }
    }

    /// Users by Canvas id: one GET each for a few, the root account's user listing for many.
    /// A user Canvas no longer shows (deleted) is left out.
    private func readUsers(canvasIds: [String], root: CanvasRef, _ tracker: ReadTracker) async throws -> [LiveUser] {
        guard !canvasIds.isEmpty else { return [] }
        if canvasIds.count > userListingThreshold {
            let wanted = Set(canvasIds)
            var found: [String: LiveUser] = [:]
            for try await page in client.userPages(account: root, include: ["email"]) {
                tracker.read(page.count)
                for user in page where wanted.contains(user.id.rawValue) {
                    found[user.id.rawValue] = LiveUser(user, userKey: .sisId)
                }
                if found.count == wanted.count { break }
            }
            return canvasIds.compactMap { found[$0] }
        }
        return try await canvasIds.concurrentMap(width: width) { [client] id -> LiveUser? in
            do {
                let user = try await client.user(.id(CanvasID(id)), include: ["email"])
                tracker.read(1)
                return LiveUser(user, userKey: .sisId)
            } catch let error as CanvasError where error.kind == .notFound {
                return nil
            }
        }.compactMap { $0 }
    }
}
