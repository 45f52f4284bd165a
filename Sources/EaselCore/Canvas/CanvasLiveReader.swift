import CanvasAPI

/// Reads the live state of a plan's scope through the Canvas REST API.
///
/// Listings are preferred over per-object requests wherever Canvas has one: courses come
/// from the account's course listing per declared term, users from the account's user
/// listing once a config names more than `userListingThreshold` of them. Independent
/// requests run in parallel; the client's limiter keeps them within Canvas's throttle.
///
/// ```swift
/// let reader = CanvasLiveReader(client: client) { print("\($0.requests) requests") }
/// let live = try await reader.read(Planner.scope(of: config))
/// ```
public struct CanvasLiveReader: LiveReader {
    public let client: CanvasClient
    /// Above this many users, read the account's user listing instead of one GET per user.
    public var userListingThreshold: Int
    /// Tasks started at once for per-course and per-user reads (the client bounds requests).
    public var width: Int
    public var progress: (@Sendable (ReadProgress) -> Void)?

    public init(
        client: CanvasClient, userListingThreshold: Int = 100, width: Int = 16,
        progress: (@Sendable (ReadProgress) -> Void)? = nil
    ) {
        self.client = client
        self.userListingThreshold = userListingThreshold
        self.width = width
        self.progress = progress
    }

    public func read(_ scope: PlanScope) async throws -> LiveState {
        let tracker = ReadTracker(client: client, report: progress)
        var frame = try await readFrame(scope, tracker)
        // Users need nothing but the root account: read them alongside the courses.
        let root = frame.root
        async let users = readUsers(scope, root: root, tracker)

        tracker.phase(.courses)
        let courses = try await readCourses(scope, account: frame.account, terms: frame.live.terms, tracker)

        let managed = courses.filter { $0.managed && $0.course.workflowState != "deleted" }
        tracker.phase(.rosters, rostersTotal: managed.count)
        let rosters = try await managed.concurrentMap(width: width) { entry in
            try await readRoster(entry.course, tracker)
        }
        let rosterById = Dictionary(rosters.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        frame.live.courses = courses.map { rosterById[$0.course.canvasId] ?? $0.course }

        tracker.phase(.users)
        frame.live.users = try await users
        tracker.phase(.done)
        return frame.live
    }

    /// What every read starts from, whatever the path: the account, and the root's terms, the
    /// sub-accounts and the custom roles, in `live`.
    struct Frame: Sendable {
        var live: LiveState
        var account: CanvasRef
        /// Terms and users live in the root account, whatever sub-account the config manages.
        var root: CanvasRef
    }

    func readFrame(_ scope: PlanScope, _ tracker: ReadTracker) async throws -> Frame {
        var live = LiveState()
        let account: CanvasAccount
        do {
            account = try await client.account(CanvasRef(scope.account))
        } catch let error as CanvasError where error.kind == .notFound {
            throw LiveReadError(
                "canvas has no account '\(scope.account)' (canvas.account): use the root account's numeric id "
                    + "(Admin → the account's URL shows it) or an existing sis_account_id:X")
        }
        live.account = LiveAccount(account)
        let accountRef = CanvasRef.id(account.id)
        let root = CanvasRef.id(account.rootAccountId ?? account.id)
        tracker.read(1)

        tracker.phase(.terms)
        async let subAccounts = client.subAccounts(of: accountRef, recursive: true)
        async let roles = readRoles(accountRef, tracker)
        // Terms belong to root accounts only; the planner refuses declared terms otherwise.
        live.terms = live.account.isRoot ? try await client.terms(account: root, state: .all).map(LiveTerm.init) : []
        live.subAccounts = try await subAccounts.map(LiveAccount.init)
        live.roles = try await roles
        tracker.read(live.terms.count + live.subAccounts.count)
        return Frame(live: live, account: accountRef, root: root)
    }

    /// Custom course roles; a token that may not list roles reads none, since the planner
    /// does not need them (the runner resolves role ids when it enrolls).
    func readRoles(_ account: CanvasRef, _ tracker: ReadTracker) async throws -> [LiveRole] {
        do {
            let roles = try await client.roles(account: account, showInherited: true).compactMap(LiveRole.init)
            tracker.read(roles.count)
            return roles
        } catch let error as CanvasError where error.kind == .forbidden {
            return []
        }
    }
}

/// A live read that cannot go on, with what to change.
public struct LiveReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
