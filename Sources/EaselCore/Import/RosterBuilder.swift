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
    /// Roles of the enrollments left out, and whether each is in a course the config manages.
    private var leftOutEnrollments: [(role: String, managedCourse: Bool)] = []
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
        let managedCourse = course.sisId != nil
        for e in course.enrollments where Self.rosterStates.contains(e.state) {
            guard let user = users.key(e.userCanvasId) else {
                leaveOut(e.userCanvasId, role: e.role, managedCourse: managedCourse)
                continue
            }
            var observing: String?
            if let observee = e.associatedUserCanvasId {
                guard let key = users.key(observee) else {
                    leaveOut(observee, role: e.role, managedCourse: managedCourse)
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

    private mutating func leaveOut(_ canvasId: String, role: String, managedCourse: Bool) {
        leftOutEnrollments.append((role, managedCourse))
        if leftOutUserSet.insert(canvasId).inserted { leftOutUsers.append(canvasId) }
    }

    /// What was left out, and what the admin can do about it. Whether the next plan withdraws
    /// a left-out enrollment is said plainly: only those of `managedRoles` in courses the
    /// config manages are withdrawn; the others stay in Canvas untouched.
    func warnings(userKey: Policy.UserKey, managedRoles: [String]) -> [String] {
        var warnings: [String] = []
        if !leftOutUsers.isEmpty {
            let n = leftOutUsers.count, count = leftOutEnrollments.count
            let fix =
                userKey == .login
                ? "give the users logins in Canvas"
                : "give the users SIS ids in Canvas, or import with --user-key login"
            let managed = Set(managedRoles)
            let withdrawn = leftOutEnrollments.filter { $0.managedCourse && managed.contains($0.role) }
            let enrollments = "\(count) enrollment\(count == 1 ? "" : "s")"
            let consequence =
                withdrawn.isEmpty
                ? "\(n == 1 ? "it is" : "they are") not in the config, and \(n == 1 ? "its" : "their") \(enrollments) "
                    + "(\(Set(leftOutEnrollments.map(\.role)).sorted().listed())) \(count == 1 ? "stays" : "stay") in Canvas untouched: plan withdraws no "
                    + "enrollment outside policy.managed_roles or the imported courses; to manage \(n == 1 ? "it" : "them"), \(fix)"
                : "\(n == 1 ? "it is" : "they are") not in the config, and of \(n == 1 ? "its" : "their") \(enrollments) the next "
                    + "plan would withdraw \(withdrawn.count) (in policy.managed_roles: \(Set(withdrawn.map(\.role)).sorted().listed())); "
                    + "before you apply, \(fix)"
            warnings.append(
                "\(n) enrolled user\(n == 1 ? " has" : "s have") no \(users.missing) (\(leftOutUsers.map(users.label).listed())): "
                    + consequence)
        }
        for (role, count) in unknownRoles.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                "custom role '\(role)' could not be read from Canvas (the token may not list roles): "
                    + "its \(count) enrollment\(count == 1 ? " is" : "s are") left out")
        }
        return warnings
    }
}
