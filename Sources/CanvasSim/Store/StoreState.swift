/// Every record plus the indexes that keep lookups and listings off full scans. Mutated only
/// through `put…`, which maintains the indexes and records the change for the journal.
/// Lives inside `Store`'s lock.
struct StoreState {
    var accounts: [Int: Account] = [:]
    var terms: [Int: Term] = [:]
    var courses: [Int: Course] = [:]
    var sections: [Int: Section] = [:]
    var users: [Int: User] = [:]
    var logins: [Int: Login] = [:]
    var channels: [Int: CommunicationChannel] = [:]
    var authProviders: [Int: AuthenticationProvider] = [:]
    var enrollments: [Int: Enrollment] = [:]
    var roles: [Int: Role] = [:]
    var tokens: [String: AccessToken] = [:]
    var sisImports: [Int: SISImport] = [:]
    /// Account reports and the files they (and SIS imports) produce: memory only, not journaled.
    var reports: [Int: AccountReport] = [:]
    var files: [Int: SimFile] = [:]

    /// Next id per kind.
    var sequences: [String: Int] = [:]

    // SIS and integration ids include deleted rows: a deleted object keeps its SIS id.
    var accountChildren: [Int: [Int]] = [:]
    var accountBySIS: [String: Int] = [:]
    var accountByIntegration: [String: Int] = [:]
    var termBySIS: [String: Int] = [:]
    var termByIntegration: [String: Int] = [:]
    var courseBySIS: [String: Int] = [:]
    var courseByIntegration: [String: Int] = [:]
    var coursesByAccount: [Int: [Int]] = [:]
    var sectionBySIS: [String: Int] = [:]
    var sectionByIntegration: [String: Int] = [:]
    var sectionsByCourse: [Int: [Int]] = [:]
    var loginsByUser: [Int: [Int]] = [:]
    var loginBySIS: [String: Int] = [:]
    var loginByIntegration: [String: Int] = [:]
    /// Lower-cased unique_id → logins (several providers may share one).
    var loginsByUniqueId: [String: [Int]] = [:]
    var channelsByUser: [Int: [Int]] = [:]
    var enrollmentsByCourse: [Int: [Int]] = [:]
    var enrollmentsBySection: [Int: [Int]] = [:]
    var enrollmentsByUser: [Int: [Int]] = [:]
    var rolesByAccount: [Int: [Int]] = [:]

    /// Users ordered by (lower-cased sortable name, id), rebuilt lazily after a user changes.
    var sortedUserIds: [Int]?

    /// Changes since the last flush, in order.
    var changes: [Record] = []
    /// Off while replaying the journal.
    var recordChanges = true
    /// On while an API request's handler runs: its writes mark the sticky fields they change.
    var apiWrite = false

    /// "Now" as the simulation sees it (see `SimClock`).
    var clock = SimClock()

    mutating func nextId(_ kind: String) -> Int {
        let id = sequences[kind, default: 1]
        sequences[kind] = id + 1
        return id
    }

    private mutating func bump(_ kind: String, past id: Int) {
        if sequences[kind, default: 1] <= id { sequences[kind] = id + 1 }
    }

    // MARK: index helpers

    private static func reindex(_ index: inout [String: Int], old: String?, new: String?, id: Int) {
        guard old != new else { return }
        if let old, index[old] == id { index[old] = nil }
        if let new { index[new] = id }
    }

    private static func relist(_ index: inout [Int: [Int]], old: Int?, new: Int, id: Int) {
        guard old != new else { return }
        if let old { index[old]?.removeAll { $0 == id } }
        index[new, default: []].insertSorted(id)
    }

    private mutating func record(_ r: @autoclosure () -> Record) {
        if recordChanges { changes.append(r()) }
    }

    // MARK: puts

    mutating func put(_ a: Account) {
        var a = a
        let old = accounts[a.id]
        if apiWrite, let old { a.stuckSisFields = Sticky.adding(Sticky.changed(old, a), to: a.stuckSisFields) }
        Self.reindex(&accountBySIS, old: old?.sisAccountId, new: a.sisAccountId, id: a.id)
        Self.reindex(&accountByIntegration, old: old?.integrationId, new: a.integrationId, id: a.id)
        if let parent = a.parentAccountId { Self.relist(&accountChildren, old: old?.parentAccountId, new: parent, id: a.id) }
        accounts[a.id] = a
        bump("account", past: a.id)
        record(.account(a))
    }

    mutating func put(_ t: Term) {
        var t = t
        let old = terms[t.id]
        if apiWrite, let old { t.stuckSisFields = Sticky.adding(Sticky.changed(old, t), to: t.stuckSisFields) }
        Self.reindex(&termBySIS, old: old?.sisTermId, new: t.sisTermId, id: t.id)
        Self.reindex(&termByIntegration, old: old?.integrationId, new: t.integrationId, id: t.id)
        terms[t.id] = t
        bump("term", past: t.id)
        record(.term(t))
    }

    mutating func put(_ c: Course) {
        var c = c
        let old = courses[c.id]
        if apiWrite, let old { c.stuckSisFields = Sticky.adding(Sticky.changed(old, c), to: c.stuckSisFields) }
        Self.reindex(&courseBySIS, old: old?.sisCourseId, new: c.sisCourseId, id: c.id)
        Self.reindex(&courseByIntegration, old: old?.integrationId, new: c.integrationId, id: c.id)
        Self.relist(&coursesByAccount, old: old?.accountId, new: c.accountId, id: c.id)
        courses[c.id] = c
        bump("course", past: c.id)
        record(.course(c))
    }

    mutating func put(_ s: Section) {
        var s = s
        let old = sections[s.id]
        if apiWrite, let old { s.stuckSisFields = Sticky.adding(Sticky.changed(old, s), to: s.stuckSisFields) }
        Self.reindex(&sectionBySIS, old: old?.sisSectionId, new: s.sisSectionId, id: s.id)
        Self.reindex(&sectionByIntegration, old: old?.integrationId, new: s.integrationId, id: s.id)
        Self.relist(&sectionsByCourse, old: old?.courseId, new: s.courseId, id: s.id)
        sections[s.id] = s
        bump("section", past: s.id)
        record(.section(s))
    }

    mutating func put(_ u: User) {
        var u = u
        let old = users[u.id]
        if apiWrite, let old { u.stuckSisFields = Sticky.adding(Sticky.changed(old, u), to: u.stuckSisFields) }
        if old?.sortableName != u.sortableName { sortedUserIds = nil }
        users[u.id] = u
        bump("user", past: u.id)
        record(.user(u))
    }

    mutating func put(_ l: Login) {
        var l = l
        let old = logins[l.id]
        if apiWrite, let old { l.stuckSisFields = Sticky.adding(Sticky.changed(old, l), to: l.stuckSisFields) }
        Self.reindex(&loginBySIS, old: old?.sisUserId, new: l.sisUserId, id: l.id)
        Self.reindex(&loginByIntegration, old: old?.integrationId, new: l.integrationId, id: l.id)
        Self.relist(&loginsByUser, old: old?.userId, new: l.userId, id: l.id)
        let oldKey = old.map { $0.uniqueId.lowercased() }
        let newKey = l.uniqueId.lowercased()
        if oldKey != newKey {
            if let oldKey { loginsByUniqueId[oldKey]?.removeAll { $0 == l.id } }
            loginsByUniqueId[newKey, default: []].insertSorted(l.id)
        }
        logins[l.id] = l
        bump("login", past: l.id)
        record(.login(l))
    }

    mutating func put(_ c: CommunicationChannel) {
        let old = channels[c.id]
        Self.relist(&channelsByUser, old: old?.userId, new: c.userId, id: c.id)
        channels[c.id] = c
        bump("channel", past: c.id)
        record(.channel(c))
    }

    mutating func put(_ p: AuthenticationProvider) {
        authProviders[p.id] = p
        bump("auth_provider", past: p.id)
        record(.authProvider(p))
    }

    mutating func put(_ e: Enrollment) {
        var e = e
        let old = enrollments[e.id]
        if apiWrite, let old {
            e.stuckSisFields = Sticky.adding(Sticky.changed(old, e), to: e.stuckSisFields)
            // Reviving a deleted enrollment through the API detaches it from SIS (`app/models/course.rb`, `enroll_user`: a deleted enrollment enrolled again drops its `sis_batch_id`).
            if old.workflowState == "deleted" && e.workflowState != "deleted" { e.sisImportId = nil }
        }
        Self.relist(&enrollmentsByCourse, old: old?.courseId, new: e.courseId, id: e.id)
        Self.relist(&enrollmentsBySection, old: old?.courseSectionId, new: e.courseSectionId, id: e.id)
        Self.relist(&enrollmentsByUser, old: old?.userId, new: e.userId, id: e.id)
        enrollments[e.id] = e
        bump("enrollment", past: e.id)
        record(.enrollment(e))
    }

    mutating func put(_ r: Role) {
        let old = roles[r.id]
        Self.relist(&rolesByAccount, old: old?.accountId, new: r.accountId, id: r.id)
        roles[r.id] = r
        bump("role", past: r.id)
        record(.role(r))
    }

    mutating func put(_ t: AccessToken) {
        tokens[t.token] = t
        record(.token(t))
    }

    mutating func put(_ i: SISImport) {
        sisImports[i.id] = i
        bump("sis_import", past: i.id)
        record(.sisImport(i))
    }

    mutating func apply(_ record: Record) {
        switch record {
        case .account(let v): put(v)
        case .term(let v): put(v)
        case .course(let v): put(v)
        case .section(let v): put(v)
        case .user(let v): put(v)
        case .login(let v): put(v)
        case .channel(let v): put(v)
        case .authProvider(let v): put(v)
        case .enrollment(let v): put(v)
        case .role(let v): put(v)
        case .token(let v): put(v)
        case .sisImport(let v): put(v)
        }
    }

    // MARK: snapshot

    var snapshot: SimState {
        var s = SimState()
        s.accounts = accounts.values.sorted { $0.id < $1.id }
        s.authenticationProviders = authProviders.values.sorted { $0.id < $1.id }
        s.terms = terms.values.sorted { $0.id < $1.id }
        s.courses = courses.values.sorted { $0.id < $1.id }
        s.sections = sections.values.sorted { $0.id < $1.id }
        s.users = users.values.sorted { $0.id < $1.id }
        s.logins = logins.values.sorted { $0.id < $1.id }
        s.communicationChannels = channels.values.sorted { $0.id < $1.id }
        s.roles = roles.values.sorted { $0.id < $1.id }
        s.enrollments = enrollments.values.sorted { $0.id < $1.id }
        s.tokens = tokens.values.sorted { $0.token < $1.token }
        s.sisImports = sisImports.values.sorted { $0.id < $1.id }
        return s
    }

    /// Every record, in an order that replays cleanly (parents before children).
    var allRecords: [Record] {
        let s = snapshot
        var out: [Record] = []
        out.reserveCapacity(s.enrollments.count + s.users.count * 3 + s.courses.count * 2)
        out += s.accounts.map(Record.account)
        out += s.authenticationProviders.map(Record.authProvider)
        out += s.roles.map(Record.role)
        out += s.terms.map(Record.term)
        out += s.courses.map(Record.course)
        out += s.sections.map(Record.section)
        out += s.users.map(Record.user)
        out += s.logins.map(Record.login)
        out += s.communicationChannels.map(Record.channel)
        out += s.enrollments.map(Record.enrollment)
        out += s.tokens.map(Record.token)
        out += s.sisImports.map(Record.sisImport)
        return out
    }

    var recordCount: Int {
        accounts.count + terms.count + courses.count + sections.count + users.count + logins.count
            + channels.count + authProviders.count + enrollments.count + roles.count + tokens.count + sisImports.count
    }
}

extension Array where Element == Int {
    /// Ids arrive mostly in increasing order, so this is usually an append.
    mutating func insertSorted(_ id: Int) {
        if let last, last >= id {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if self[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            if lo < count && self[lo] == id { return }
            insert(id, at: lo)
        } else {
            append(id)
        }
    }
}
