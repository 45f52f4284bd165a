/// Finding objects the way Canvas's `api_find` does: by id, by SIS or integration id, by
/// `self`; deleted objects are not found unless asked for.
extension StoreState {
    static let rootAccountId = 1

    var rootAccount: Account { accounts[Self.rootAccountId]! }

    func account(_ ref: IdRef, includeDeleted: Bool = false) -> Account? {
        let found: Account?
        switch ref {
        case .id(let id): found = accounts[id]
        case .sis(.account, let v): found = accountBySIS[v].flatMap { accounts[$0] }
        case .sis(.integration, let v): found = accountByIntegration[v].flatMap { accounts[$0] }
        case .selfRef, .keyword("default"): found = rootAccount
        default: found = nil
        }
        guard let found, includeDeleted || found.workflowState != "deleted" else { return nil }
        return found
    }

    /// The account and its ancestors, nearest first.
    func accountChain(_ id: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = id
        while let c = current, let a = accounts[c], !chain.contains(c) {
            chain.append(c)
            current = a.parentAccountId
        }
        return chain
    }

    /// The account and all its active descendants.
    func accountSubtree(_ id: Int) -> [Int] {
        var out = [id]
        var i = 0
        while i < out.count {
            for child in accountChildren[out[i]] ?? [] where accounts[child]?.workflowState == "active" {
                out.append(child)
            }
            i += 1
        }
        return out
    }

    func term(_ ref: IdRef, includeDeleted: Bool = true) -> Term? {
        let found: Term?
        switch ref {
        case .id(let id): found = terms[id]
        case .sis(.term, let v): found = termBySIS[v].flatMap { terms[$0] }
        case .sis(.integration, let v): found = termByIntegration[v].flatMap { terms[$0] }
        case .keyword("default"): found = defaultTerm
        case .keyword("current"):
            let n = now
            let current = terms.values.filter {
                $0.workflowState == "active" && ($0.startAt.map { $0 <= n } ?? false) && ($0.endAt.map { $0 > n } ?? false)
            }
            found = current.count == 1 ? current[0] : nil
        default: found = nil
        }
        guard let found, includeDeleted || found.workflowState == "active" else { return nil }
        return found
    }

    var defaultTerm: Term { terms.values.first { $0.isDefault } ?? terms[1]! }

    func course(_ ref: IdRef, includeDeleted: Bool = false) -> Course? {
        let found: Course?
        switch ref {
        case .id(let id): found = courses[id]
        case .sis(.course, let v): found = courseBySIS[v].flatMap { courses[$0] }
        case .sis(.integration, let v): found = courseByIntegration[v].flatMap { courses[$0] }
        default: found = nil
        }
        guard let found, includeDeleted || !found.isDeleted else { return nil }
        return found
    }

    /// An active section whose course is not deleted.
    func section(_ ref: IdRef) -> Section? {
        let found: Section?
        switch ref {
        case .id(let id): found = sections[id]
        case .sis(.section, let v): found = sectionBySIS[v].flatMap { sections[$0] }
        case .sis(.integration, let v): found = sectionByIntegration[v].flatMap { sections[$0] }
        default: found = nil
        }
        guard let found, !found.isDeleted, let course = courses[found.courseId], !course.isDeleted else { return nil }
        return found
    }

    /// A user by id or through one of their logins. `sis_login_id` matches case-insensitively.
    func user(_ ref: IdRef, caller: Int?, includeDeleted: Bool = false) -> User? {
        let found: User?
        switch ref {
        case .id(let id): found = users[id]
        case .selfRef: found = caller.flatMap { users[$0] }
        case .sis(.user, let v): found = loginBySIS[v].flatMap { logins[$0] }.flatMap { users[$0.userId] }
        case .sis(.integration, let v): found = loginByIntegration[v].flatMap { logins[$0] }.flatMap { users[$0.userId] }
        case .sis(.login, let v):
            let candidates = (loginsByUniqueId[v.lowercased()] ?? []).compactMap { logins[$0] }
            let login = candidates.first { $0.workflowState != "deleted" } ?? candidates.first
            found = login.flatMap { users[$0.userId] }
        default: found = nil
        }
        guard let found, includeDeleted || found.workflowState != "deleted" else { return nil }
        return found
    }

    /// The login that represents the user in API output: the first active one with a SIS id,
    /// else the first active one (Canvas shows only one).
    func primaryLogin(of userId: Int) -> Login? {
        let all = (loginsByUser[userId] ?? []).compactMap { logins[$0] }
        let live = all.filter { $0.workflowState != "deleted" }
        return live.first { $0.sisUserId != nil } ?? live.first ?? all.last
    }

    func email(of userId: Int) -> String? {
        let chans = (channelsByUser[userId] ?? []).compactMap { channels[$0] }
            .filter { $0.type == "email" && $0.workflowState != "retired" }
        return chans.min { ($0.position, $0.id) < ($1.position, $1.id) }?.address
    }

    /// An authentication provider given as an id or a type (`saml`, `google`, …).
    func authProvider(_ raw: String) -> AuthenticationProvider? {
        if let id = Int(raw) { return authProviders[id] }
        return authProviders.values.sorted { $0.position < $1.position }.first { $0.authType == raw }
    }

    // MARK: roles

    /// Roles an enrollment in a course on `accountId` may use: built-ins of the root and
    /// custom course roles on the account or its ancestors.
    func visibleCourseRoles(accountId: Int) -> [Role] {
        accountChain(accountId).flatMap { rolesByAccount[$0] ?? [] }.compactMap { roles[$0] }.filter(\.isCourseRole)
    }

    func builtInRole(forType type: String) -> Role? {
        (rolesByAccount[Self.rootAccountId] ?? []).compactMap { roles[$0] }.first { $0.isBuiltIn && $0.name == type }
    }

    /// `role` as the API shows it: the type for built-in roles, the label for custom ones.
    func roleName(_ roleId: Int, type: String) -> String {
        guard let r = roles[roleId], !r.isBuiltIn else { return type }
        return r.label
    }
}
