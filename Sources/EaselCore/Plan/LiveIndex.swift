/// Live objects by the keys a plan names them with: the one index the planner, the saved-plan
/// verifier and the SIS-import writer all read live Canvas through, so they cannot disagree
/// on which object a key means.
struct LiveIndex: Sendable {
    let live: LiveState
    let userKey: Policy.UserKey
    let termsBySis: [String: LiveTerm]
    let termsByCanvasId: [String: LiveTerm]
    let coursesBySis: [String: LiveCourse]
    let coursesByCanvasId: [String: LiveCourse]
    /// By SIS id or, with `user_key: login`, by login in lower case.
    let usersByKey: [String: LiveUser]
    let usersByCanvasId: [String: LiveUser]

    init(_ live: LiveState, userKey: Policy.UserKey) {
        self.live = live
        self.userKey = userKey
        termsBySis = Dictionary(live.terms.compactMap { t in t.sisId.map { ($0, t) } }, uniquingKeysWith: Self.preferActive)
        termsByCanvasId = Dictionary(live.terms.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        coursesBySis = Dictionary(live.courses.compactMap { c in c.sisId.map { ($0, c) } }, uniquingKeysWith: Self.preferActive)
        coursesByCanvasId = Dictionary(live.courses.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        usersByKey = Dictionary(
            live.users.compactMap { u in Self.key(of: u, userKey).map { ($0, u) } }, uniquingKeysWith: Self.preferActive)
        usersByCanvasId = Dictionary(live.users.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The key a live user has in the config's terms; logins compare case-insensitively, as Canvas does.
    static func key(of user: LiveUser, _ userKey: Policy.UserKey) -> String? {
        userKey == .login ? user.login?.lowercased() : user.sisId
    }

    /// A config's user id as the index keys it.
    func userKey(_ id: String) -> String { userKey == .login ? id.lowercased() : id }

    func user(_ id: String) -> LiveUser? { usersByKey[userKey(id)] }

    /// Two live objects with one SIS id (a deleted one and its successor): the active one counts;
    /// of two alike, the first listed.
    static func preferActive<T: LiveObject>(_ a: T, _ b: T) -> T { a.isDeleted && !b.isDeleted ? b : a }
}

/// What the index asks of every live object kind.
protocol LiveObject { var isDeleted: Bool { get } }
extension LiveTerm: LiveObject { var isDeleted: Bool { workflowState == "deleted" } }
extension LiveCourse: LiveObject { var isDeleted: Bool { workflowState == "deleted" } }
extension LiveUser: LiveObject { var isDeleted: Bool { workflowState == "deleted" } }
