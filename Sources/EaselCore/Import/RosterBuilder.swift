/// Writes courses' live enrollments as config enrollments, and remembers which users and
/// custom roles they referenced and what it had to leave out.
struct RosterBuilder {
    let users: UserKeys
    let rolesByLabel: [String: LiveRole]
    /// Canvas ids of the users written enrollments name, in first-seen order.
    private(set) var referencedUsers: [String] = []
    private var referencedSet = Set<String>()
    private var roles: [String: CustomRole] = [:]
    private var leftOutUsers: [String] = []
    private var leftOutUserSet = Set<String>()
    private var leftOutEnrollments = 0
    private var unknownRoles: [String: Int] = [:]

    /// The states the planner counts as on the roster (plus inactive, which it withdraws too).
    static let rosterStates: Set<String> = ["active", "invited", "creation_pending", "inactive"]

    init(users: UserKeys, roles: [LiveRole]) {
        self.users = users
        rolesByLabel = Dictionary(roles.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var usedRoles: [CustomRole] { roles.values.sorted { $0.name < $1.name } }

    /// A course's enrollments, one per (user, role, section, observee), sorted by role then user.
    mutating func enrollments(of course: LiveCourse) -> [Enrollment] {
        let sectionSis = Dictionary(course.sections.map { ($0.canvasId, $0.sisId) }, uniquingKeysWith: { a, _ in a })
        var result: [Enrollment] = []
        var index: [String: Int] = [:]
        for e in course.enrollments where Self.rosterStates.contains(e.state) {
            guard let user = users.key(e.userCanvasId) else {
                leaveOut(e.userCanvasId)
                continue
            }
            var observing: String?
            if let observee = e.associatedUserCanvasId {
                guard let key = users.key(observee) else {
                    leaveOut(observee)
                    continue
                }
                observing = key
            }
            if BaseRole(rawValue: e.role) == nil {
                guard let live = rolesByLabel[e.role] else {
                    unknownRoles[e.role, default: 0] += 1
                    continue
                }
                roles[e.role] = CustomRole(name: e.role, base: live.base, range: .synthetic())
            }
            reference(e.userCanvasId)
            if let observee = e.associatedUserCanvasId { reference(observee) }
            let section = sectionSis[e.sectionCanvasId] ?? nil
            let state: Enrollment.State = e.state == "inactive" ? .inactive : .active
            let key = [user, e.role, section ?? "", observing ?? ""].joined(separator: "\u{0}")
            if let i = index[key] {
                // Two rows with one identity: the enrolled one is the one the planner compares.
                if state == .active { result[i].state = .active }
                continue
            }
            index[key] = result.count
            result.append(Enrollment(
                user: Ref(user), role: e.role, section: section.map { Ref($0) }, state: state,
                observing: observing.map { Ref($0) }, range: .synthetic()))
        }
        let rank = Dictionary(BaseRole.allCases.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        return result.sorted {
            (rank[$0.role] ?? rank.count, $0.role, $0.user.id, $0.section?.id ?? "")
                < (rank[$1.role] ?? rank.count, $1.role, $1.user.id, $1.section?.id ?? "")
        }
    }

    private mutating func reference(_ canvasId: String) {
        if referencedSet.insert(canvasId).inserted { referencedUsers.append(canvasId) }
    }

    private mutating func leaveOut(_ canvasId: String) {
        leftOutEnrollments += 1
        if leftOutUserSet.insert(canvasId).inserted { leftOutUsers.append(canvasId) }
    }

    /// What was left out, and what the admin can do about it.
    func warnings(userKey: Policy.UserKey) -> [String] {
        var warnings: [String] = []
        if !leftOutUsers.isEmpty {
            let n = leftOutUsers.count
            let fix =
                userKey == .login
                ? "give the users logins in Canvas"
                : "give the users SIS ids in Canvas, or import with --user-key login"
            warnings.append(
                "\(n) enrolled user\(n == 1 ? " has" : "s have") no \(users.missing) (\(leftOutUsers.map(users.label).listed())): "
                    + "\(n == 1 ? "its" : "their") \(leftOutEnrollments) enrollment\(leftOutEnrollments == 1 ? " is" : "s are") left out, "
                    + "and plan withdraws those of policy.managed_roles in imported courses; \(fix)")
        }
        for (role, count) in unknownRoles.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                "custom role '\(role)' could not be read from Canvas (the token may not list roles): "
                    + "its \(count) enrollment\(count == 1 ? " is" : "s are") left out")
        }
        return warnings
    }
}
