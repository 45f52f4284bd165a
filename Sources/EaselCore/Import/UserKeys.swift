/// Live users as an imported config names them: by SIS id or by login, per `policy.user_key`.
struct UserKeys {
    let userKey: Policy.UserKey
    private let byCanvasId: [String: LiveUser]
    private let keyOf: [String: String]

    init(_ users: [LiveUser], userKey: Policy.UserKey) {
        self.userKey = userKey
        byCanvasId = Dictionary(users.map { ($0.canvasId, $0) }, uniquingKeysWith: { a, _ in a })
        // A config user needs a login, and a key; without both the user cannot be written.
        keyOf = Dictionary(
            users.compactMap { u -> (String, String)? in
                guard u.login != nil, let key = userKey == .login ? u.login : u.sisId else { return nil }
                return (u.canvasId, key)
            }, uniquingKeysWith: { a, _ in a })
    }

    /// The config key of a Canvas user; nil when the user has none (or was not readable).
    func key(_ canvasId: String) -> String? { keyOf[canvasId] }

    /// How a warning names a user: login, else name, else Canvas id.
    func label(_ canvasId: String) -> String {
        guard let user = byCanvasId[canvasId] else { return "canvas user \(canvasId)" }
        return "'\(user.login ?? user.name)'"
    }

    /// What a user without a key lacks, for the warning.
    var missing: String { userKey == .login ? "login" : "SIS id" }

    /// The config's users for these Canvas ids, sorted by key.
    func referenced(_ canvasIds: [String]) -> [User] {
        canvasIds.compactMap { id -> (String, User)? in
            guard let live = byCanvasId[id], let key = keyOf[id] else { return nil }
            var user = User(
                id: live.sisId, name: live.name, login: live.login, email: live.email, sortableName: nil,
                authProvider: nil, range: .synthetic())
            // Canvas derives "Last, First" from the name; only a different sortable name is worth a line.
            if let sortable = live.sortableName, sortable != Self.derivedSortableName(live.name) {
                user.sortableName = sortable
            }
            return (key, user)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Canvas's sortable name for a full name: the last word, a comma, the rest.
    static func derivedSortableName(_ name: String) -> String {
        let parts = name.split(separator: " ")
        guard parts.count > 1 else { return parts.first.map(String.init) ?? name }
        return "\(parts.last!), \(parts.dropLast().joined(separator: " "))"
    }
}
