/// Users: create under the root account, show, update, and the account's user list.
enum UserRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("POST", "/api/v1/accounts/:account_id/users") { req, s in
            try create(req, &s)
        }

        t.add("GET", "/api/v1/users/:id") { req, s in
            guard let user = s.user(req.ref("id"), caller: req.callerUserId, includeDeleted: true) else { throw APIError.notFound }
            // A deleted user answers 404 but still with the user body.
            return .json(s.userJSON(user, detail: true, includes: req.includes()), status: user.workflowState == "deleted" ? 404 : 200)
        }

        t.add("PUT", "/api/v1/users/:id") { req, s in
            guard var user = s.user(req.ref("id"), caller: req.callerUserId) else { throw APIError.notFound }
            let p = req.params
            let oldName = user.name
            if let name = p.string("user", "name"), !name.trimmingWhitespace().isEmpty { user.name = name }
            if let v = p.optionalString("user", "short_name") { user.shortName = v.flatMap { $0.isEmpty ? nil : $0 } ?? user.name }
            if let v = p.optionalString("user", "sortable_name"), let sortable = v, !sortable.isEmpty {
                user.sortableName = sortable
            } else if user.name != oldName && user.sortableName == User.sortable(from: oldName) {
                // Canvas re-derives the sortable name only when it was the derived one.
                user.sortableName = User.sortable(from: user.name)
            }
            if let v = p.optionalString("user", "time_zone") { user.timeZone = v }
            if let v = p.optionalString("user", "locale") { user.locale = v.flatMap { $0.isEmpty ? nil : $0 } }
            user.updatedAt = s.now
            s.put(user)
            if let email = p.string("user", "email"), !email.isEmpty { s.setEmail(email, for: user.id, active: true) }
            return .json(s.userJSON(user, detail: true, includes: ["email"]))
        }

        t.add("GET", "/api/v1/accounts/:account_id/users") { req, s in
            try list(req, &s)
        }
    }

    // MARK: create

    /// Shape D, the nested error body of user creation.
    static func createError(pseudonym: [(String, JSON)], user: [(String, JSON)]? = nil) -> APIError {
        let userErrors = user ?? [("pseudonyms", .array([entry("pseudonyms", "is invalid", "invalid")]))]
        return APIError(status: 400, body: .object([("errors", .object([
            ("user", .object(userErrors)),
            ("pseudonym", .object(pseudonym)),
            ("observee", .object([])),
            ("pairing_code", .object([])),
            ("recaptcha", .null),
        ]))]))
    }

    static func entry(_ attribute: String, _ message: String, _ type: String) -> JSON {
        .object([("attribute", .string(attribute)), ("message", .string(message)), ("type", .string(type))])
    }

    static func create(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        guard s.account(req.ref("account_id")) != nil else { throw APIError.notFound }
        let p = req.params
        let uniqueId = (p.string("pseudonym", "unique_id") ?? "").trimmingWhitespace()
        guard !uniqueId.isEmpty else {
            throw createError(pseudonym: [("unique_id", .array([entry("unique_id", "is too short (minimum is 1 character)", "too_short")]))])
        }
        var provider: AuthenticationProvider?
        if let raw = p.string("pseudonym", "authentication_provider_id"), !raw.isEmpty {
            guard let found = s.authProvider(raw) else { throw APIError.notFound }
            provider = found
        }
        let providerId = provider.flatMap { $0.authType == "canvas" ? nil : $0.id }
        let sis = p.string("pseudonym", "sis_user_id").flatMap { $0.isEmpty ? nil : $0 }
        let integration = p.string("pseudonym", "integration_id").flatMap { $0.isEmpty ? nil : $0 }
        let now = s.now

        // enable_sis_reactivation: a deleted login with this SIS id comes back with its user.
        var revived: Login?
        if let sis, let ownerId = s.loginBySIS[sis], let owner = s.logins[ownerId] {
            if owner.workflowState == "deleted" && p.bool("enable_sis_reactivation") == true {
                revived = owner
            } else {
                throw createError(pseudonym: [("sis_user_id", .array([entry("sis_user_id", "SIS ID \"\(sis)\" is already in use", "taken")]))])
            }
        }
        if s.liveLogin(uniqueId: uniqueId, providerId: providerId, excluding: revived?.id) != nil {
            throw createError(pseudonym: [("unique_id", .array([
                entry("unique_id", "ID already in use for this account and authentication provider", "taken"),
            ]))])
        }
        if let integration, let owner = s.loginByIntegration[integration], owner != revived?.id {
            throw createError(pseudonym: [("integration_id", .array([
                entry("integration_id", "Integration ID \"\(integration)\" is already in use", "taken"),
            ]))])
        }

        let name = p.string("user", "name").flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        var user: User
        if let revived, let owner = s.users[revived.userId] {
            user = owner
            user.workflowState = "registered"
            if let name { user.name = name }
        } else {
            let n = name ?? uniqueId
            user = User(
                id: s.nextId("user"), name: n, shortName: n, sortableName: User.sortable(from: n),
                workflowState: "pre_registered", locale: nil, timeZone: nil, uuid: StoreState.uuid(), createdAt: now, updatedAt: now)
        }
        if let v = p.string("user", "short_name"), !v.isEmpty { user.shortName = v }
        if let v = p.string("user", "sortable_name"), !v.isEmpty { user.sortableName = v }
        if let v = p.string("user", "time_zone") { user.timeZone = v }
        if let v = p.string("user", "locale"), !v.isEmpty { user.locale = v }
        if p.bool("user", "skip_registration") == true || p.string("pseudonym", "password") != nil { user.workflowState = "registered" }
        user.updatedAt = now
        s.put(user)

        var login = revived ?? Login(
            id: s.nextId("login"), userId: user.id, accountId: StoreState.rootAccountId, uniqueId: uniqueId,
            sisUserId: sis, integrationId: integration, authenticationProviderId: providerId,
            workflowState: "active", declaredUserType: nil, createdAt: now)
        login.workflowState = "active"
        login.uniqueId = uniqueId
        login.authenticationProviderId = providerId
        if let integration { login.integrationId = integration }
        if let v = p.string("pseudonym", "declared_user_type") { login.declaredUserType = v }
        s.put(login)

        let address = p.string("communication_channel", "address") ?? (StoreState.looksLikeEmail(uniqueId) ? uniqueId : nil)
        let type = p.string("communication_channel", "type") ?? "email"
        if type == "email", let address, StoreState.looksLikeEmail(address) {
            s.setEmail(address, for: user.id, active: p.bool("communication_channel", "skip_confirmation") == true)
        }
        return .json(s.userJSON(user, detail: false, includes: ["locale"]))
    }

    // MARK: list

    static func list(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
        let p = req.params
        var search: String?
        if let term = p.string("search_term") {
            guard term.count >= 3 else {
                throw APIError(status: 400, body: .object([
                    ("status", .string("argument_error")), ("message", .string("search_term of 3 or more characters is required")),
                ]))
            }
            search = term.lowercased()
        }
        // Users belong to the root account; a sub-account lists the users enrolled in its courses.
        var members: Set<Int>?
        if !account.isRoot || p.string("enrollment_type") != nil {
            let type = p.string("enrollment_type").map(EnrollmentRoutes.typeName)
            var ids = Set<Int>()
            let courseIds = s.accountSubtree(account.id).flatMap { s.coursesByAccount[$0] ?? [] }
            for cid in courseIds {
                for eid in s.enrollmentsByCourse[cid] ?? [] {
                    guard let e = s.enrollments[eid], e.workflowState != "deleted" else { continue }
                    if let type, e.type != type { continue }
                    ids.insert(e.userId)
                }
            }
            members = ids
        }
        let ordered = s.usersBySortableName()
        let includes = req.includes()
        let sortByName = p.string("sort") == nil || p.string("sort") == "username"
        if search == nil && members == nil && sortByName && p.string("order") != "desc" {
            // The common full walk: start at the bookmark in the cached order and take one
            // page (plus one, to know whether there is a next) instead of scanning everyone.
            let key = { (u: User) in BookmarkKey([.string(u.sortableName.lowercased()), .int(u.id)]) }
            var lo = 0
            if let page = req.pagination.page, page.hasPrefix("bookmark:"), let after = BookmarkKey(token: String(page.dropFirst(9))) {
                var hi = ordered.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if key(s.users[ordered[mid]]!) <= after { lo = mid + 1 } else { hi = mid }
                }
            }
            var window: [User] = []
            var i = lo
            while i < ordered.count && window.count <= req.pagination.perPage {
                if let u = s.users[ordered[i]], u.workflowState != "deleted" { window.append(u) }
                i += 1
            }
            let (page, link) = req.pagination.bookmarked(window, key: key)
            return .page(page.map { s.userJSON($0, detail: false, includes: includes) }, link: link)
        }
        var picked: [User] = []
        for id in ordered {
            guard let u = s.users[id], u.workflowState != "deleted" else { continue }
            if let members, !members.contains(id) { continue }
            if let search, !matches(u, search, s) { continue }
            picked.append(u)
        }
        let descending = p.string("order") == "desc"
        let snapshot = s
        let key: (User) -> BookmarkKey
        switch p.string("sort") {
        case "email":
            key = { BookmarkKey([.string(snapshot.email(of: $0.id)?.lowercased() ?? ""), .int($0.id)]) }
        case "sis_id":
            key = { BookmarkKey([.string(snapshot.primaryLogin(of: $0.id)?.sisUserId ?? ""), .int($0.id)]) }
        default:
            key = { BookmarkKey([.string($0.sortableName.lowercased()), .int($0.id)]) }
        }
        if p.string("sort") == "email" || p.string("sort") == "sis_id" {
            picked.sort { key($0) < key($1) }
        }
        if descending { picked.reverse() }
        let (page, link) = req.pagination.bookmarked(picked, descending: descending, key: key)
        return .page(page.map { s.userJSON($0, detail: false, includes: includes) }, link: link)
    }

    static func matches(_ u: User, _ term: String, _ s: StoreState) -> Bool {
        if String(u.id) == term { return true }
        if u.name.lowercased().contains(term) || u.sortableName.lowercased().contains(term) { return true }
        for lid in s.loginsByUser[u.id] ?? [] {
            guard let l = s.logins[lid], l.workflowState != "deleted" else { continue }
            if l.uniqueId.lowercased().contains(term) || (l.sisUserId?.lowercased().contains(term) ?? false) { return true }
        }
        return s.email(of: u.id)?.lowercased().contains(term) ?? false
    }
}

extension StoreState {
    func userJSON(_ u: User, detail: Bool, includes: Set<String>) -> JSON {
        let login = primaryLogin(of: u.id)
        let (first, last) = u.firstLast
        var m: [(String, JSON)] = [
            ("id", .int(u.id)),
            ("name", .string(u.name)),
            ("created_at", .timestamp(u.createdAt)),
            ("sortable_name", .string(u.sortableName)),
            ("short_name", .string(u.shortName)),
            ("first_name", .string(first)),
            ("last_name", .string(last)),
            ("sis_user_id", .string(login?.sisUserId)),
            ("integration_id", .string(login?.integrationId)),
            ("sis_import_id", .int(login?.sisImportId)),
            ("login_id", .string(login?.uniqueId)),
        ]
        if detail || includes.contains("locale") { m.append(("locale", .string(u.locale))) }
        if detail || includes.contains("email") { m.append(("email", .string(email(of: u.id)))) }
        if includes.contains("time_zone") || detail { m.append(("time_zone", .string(u.timeZone ?? "Etc/UTC"))) }
        if includes.contains("uuid") { m.append(("uuid", .string(u.uuid))) }
        if detail {
            m.append(("avatar_url", .string("/images/messages/avatar-50.png")))
            m.append(("effective_locale", .string(u.locale ?? "en")))
            m.append(("permissions", .object([
                ("can_update_name", .bool(true)), ("can_update_avatar", .bool(true)), ("limit_parent_app_web_access", .bool(false)),
            ])))
        }
        return .object(m)
    }
}
