import BulkFiles
/// Applying SIS CSV rows to the store, one row at a time, with Canvas's importer rules
/// (`lib/sis/*_importer.rb`): objects are found by SIS id among all rows (deleted ones too),
/// created when missing, and updated field by field except where a field is stuck (see
/// `StickyWriter`). A row that cannot be applied becomes a warning naming it; the import
/// goes on.
struct SISImportRun {
    let id: Int
    let options: SISImportOptions
    var counts: [String: Int] = [:]
    var messages: [SISImportMessage] = []
    /// The file and line being processed, for messages.
    var file: String?
    var line: Int?

    init(id: Int, options: SISImportOptions) {
        self.id = id
        self.options = options
    }

    mutating func warn(_ message: String) {
        messages.append(SISImportMessage(file: file, message: message, row: line, failure: false))
    }

    mutating func fail(_ message: String) {
        messages.append(SISImportMessage(file: file, message: message, row: line, failure: true))
    }

    mutating func count(_ key: String, by n: Int = 1) { counts[key, default: 0] += n }
}

/// A row the importer skips, with the message that says why.
struct SISRowError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A date column: absent or blank, `<delete>`, or a time.
enum SISDate: Equatable {
    case absent, clear, value(Timestamp)

    /// Blank and `<delete>` both mean no date (terms, sections, enrollments clear on blank).
    var orNil: Timestamp? {
        if case .value(let t) = self { return t }
        return nil
    }
}

extension StoreState {
    mutating func importRow(_ kind: SISFileKind, _ table: CSVTable, _ row: CSV.Record, _ run: inout SISImportRun) {
        run.line = row.line
        do {
            switch kind {
            case .account: try importAccount(table, row, &run)
            case .term: try importTerm(table, row, &run)
            case .course: try importCourse(table, row, &run)
            case .section: try importSection(table, row, &run)
            case .user: try importUser(table, row, &run)
            case .enrollment: try importEnrollment(table, row, &run)
            default: break
            }
        } catch let error as SISRowError {
            run.warn(error.message)
        } catch {
            run.warn("\(error)")
        }
    }

    private func date(_ t: CSVTable, _ r: CSV.Record, _ column: String, _ run: inout SISImportRun, what: String) -> SISDate {
        guard let raw = t.value(r, column) else { return .absent }
        if raw.lowercased() == "<delete>" { return .clear }
        guard let ts = Timestamp(iso8601: raw) else {
            run.warn("Bad date format for \(what)")
            return .absent
        }
        return .value(ts)
    }

    /// An enrollment row's status as Canvas reads it: a case-insensitive prefix match
    /// (`valid_status?` in `lib/sis/models/enrollment.rb` is
    /// `/\Aactive|\Adeleted|\Acompleted|\Ainactive|\Adeleted_last_completed/i`), dispatched in
    /// the order of `enrollment_status` in `lib/sis/enrollment_importer.rb`: `Active-ish`
    /// is active, `DELETED_LAST_COMPLETED` is not plain deleted.
    static func enrollmentStatus(_ raw: String) -> String? {
        let lower = raw.lowercased()
        return ["active", "completed", "inactive", "deleted_last_completed", "deleted"].first { lower.hasPrefix($0) }
    }

    private static func status(_ t: CSVTable, _ r: CSV.Record) -> (raw: String, lower: String) {
        let raw = t.value(r, "status") ?? ""
        return (raw, raw.lowercased())
    }

    // MARK: accounts

    mutating func importAccount(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        guard let accountId = t.value(r, "account_id") else { throw SISRowError("No account_id given for an account") }
        let status = Self.status(t, r)
        guard status.lower == "active" || status.lower == "deleted" else {
            throw SISRowError("Improper status \"\(status.raw)\" for account \(accountId)")
        }
        if run.options.skipDeletes && status.lower == "deleted" { return }
        var parentId = Self.rootAccountId
        if let parentSIS = t.value(r, "parent_account_id") {
            guard let parent = accountBySIS[parentSIS] else { throw SISRowError("Parent account didn't exist for \(accountId)") }
            parentId = parent
        }
        let now = self.now
        var a: Account
        if let id = accountBySIS[accountId], let existing = accounts[id] {
            a = existing
        } else {
            guard let name = t.value(r, "name") else { throw SISRowError("No name given for account \(accountId)") }
            a = Account(
                id: 0, name: name, parentAccountId: parentId, rootAccountId: Self.rootAccountId, sisAccountId: accountId,
                integrationId: nil, workflowState: "active", uuid: StoreState.uuid(), defaultTimeZone: rootAccount.defaultTimeZone,
                createdAt: now)
        }
        if a.isRoot { throw SISRowError("Cannot change the root account with SIS account \(accountId)") }
        if a.id != 0 && accountChain(parentId).contains(a.id) {
            throw SISRowError("Setting account \(accountId)'s parent to \(t.value(r, "parent_account_id") ?? "") would create a loop")
        }
        var w = StickyWriter(run.options, stuck: a.stuckSisFields)
        if let name = t.value(r, "name") { w.set("name", &a.name, name) }
        var parent: Int? = a.parentAccountId
        w.set("parent_account_id", &parent, parentId)
        a.parentAccountId = parent
        if t.has("integration_id") { a.integrationId = t.value(r, "integration_id") }
        a.workflowState = status.lower
        a.stuckSisFields = w.result
        a.sisImportId = run.id
        if a.id == 0 { a.id = nextId("account") }
        put(a)
        run.count("accounts")
    }

    // MARK: terms

    mutating func importTerm(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        guard let termId = t.value(r, "term_id") else { throw SISRowError("No term_id given for a term") }
        let status = Self.status(t, r)
        guard status.lower == "active" || status.lower == "deleted" else {
            throw SISRowError("Improper status \"\(status.raw)\" for term \(termId)")
        }
        if run.options.skipDeletes && status.lower == "deleted" { return }
        let now = self.now
        let existing = termBySIS[termId].flatMap { terms[$0] }
        var term = existing ?? Term(
            id: 0, rootAccountId: Self.rootAccountId, name: nil, sisTermId: termId, integrationId: nil, startAt: nil,
            endAt: nil, workflowState: "active", isDefault: false, overrides: [:], createdAt: now, updatedAt: now)
        var w = StickyWriter(run.options, stuck: term.stuckSisFields)
        let start = date(t, r, "start_date", &run, what: "term \(termId)").orNil
        let end = date(t, r, "end_date", &run, what: "term \(termId)").orNil

        if let type = t.value(r, "date_override_enrollment_type") {
            // Only term_id, status and the dates are read: the row sets or removes an override.
            guard existing != nil else { throw SISRowError("Cannot set date override on non-existent term") }
            guard TermRoutes.overrideTypes.contains(type) else { throw SISRowError("Invalid date_override_enrollment_type") }
            term.overrides[type] = status.lower == "active" ? DateRange(startAt: start, endAt: end) : nil
        } else {
            guard let name = t.value(r, "name") else { throw SISRowError("No name given for term \(termId)") }
            if existing == nil { term.name = name } else { w.set("name", &term.name, name) }
            if t.has("integration_id") { term.integrationId = t.value(r, "integration_id") }
            if status.lower == "deleted" && term.workflowState != "deleted" {
                if term.isDefault || courses.values.contains(where: { $0.termId == term.id && !$0.isDeleted }) {
                    let why = term.isDefault ? "Cannot delete the default term" : "Cannot delete a term with active courses"
                    throw SISRowError("A term did not pass validation (term: \(termId) / \(name), error: \(why))")
                }
            }
            term.workflowState = status.lower
            if w.may("start_at") && w.may("end_at") {
                w.set("start_at", &term.startAt, start)
                w.set("end_at", &term.endAt, end)
            }
        }
        term.stuckSisFields = w.result
        term.sisImportId = run.id
        term.updatedAt = now
        if term.id == 0 { term.id = nextId("term") }
        put(term)
        run.count("terms")
    }

    // MARK: courses

    mutating func importCourse(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        guard let courseId = t.value(r, "course_id") else { throw SISRowError("No course_id given for a course") }
        guard let shortName = t.value(r, "short_name") else { throw SISRowError("No short_name given for course \(courseId)") }
        guard let longName = t.value(r, "long_name") else { throw SISRowError("No long_name given for course \(courseId)") }
        let status = Self.status(t, r)
        guard ["active", "deleted", "completed", "published", "unpublished"].contains(status.lower) else {
            throw SISRowError("Improper status \"\(status.raw)\" for course \(courseId)")
        }
        let format = t.value(r, "course_format")
        if let format, !["online", "on_campus", "blended", "not_set"].contains(format.lowercased()) {
            throw SISRowError("Invalid course_format \"\(format)\" for course \(courseId)")
        }
        if run.options.skipDeletes && status.lower == "deleted" { return }
        let now = self.now
        let existing = courseBySIS[courseId].flatMap { courses[$0] }
        var c = existing ?? Course(
            id: 0, rootAccountId: Self.rootAccountId, accountId: Self.rootAccountId, termId: defaultTerm.id,
            name: longName, courseCode: shortName, sisCourseId: courseId, integrationId: nil, workflowState: "created",
            startAt: nil, endAt: nil, restrictEnrollmentsToCourseDates: false, uuid: StoreState.uuid(), license: nil,
            isPublic: false, isPublicToAuthUsers: false, publicSyllabus: false, publicSyllabusToAuth: false,
            publicDescription: nil, defaultView: "modules", timeZone: nil, courseFormat: nil, gradePassbackSetting: nil,
            hideFinalGrades: false, applyAssignmentGroupWeights: false, createdAt: now, updatedAt: now, deletedAt: nil)
        let oldName = c.name
        var w = StickyWriter(run.options, stuck: c.stuckSisFields)

        // An unknown or inactive term, or an unknown account, is ignored (as Canvas does).
        if let termSIS = t.value(r, "term_id"), let term = termBySIS[termSIS].flatMap({ terms[$0] }), term.workflowState == "active" {
            w.set("enrollment_term_id", &c.termId, term.id)
        }
        if let accountSIS = t.value(r, "account_id"), let account = accountBySIS[accountSIS] {
            w.set("account_id", &c.accountId, account)
        }
        if t.has("integration_id") { c.integrationId = t.value(r, "integration_id") }

        // Dates: blank keeps them, `<delete>` clears; having either restricts enrollments to them.
        if w.may("start_at") && w.may("conclude_at") {
            var start = c.startAt, end = c.endAt
            switch date(t, r, "start_date", &run, what: "course \(courseId)") {
            case .value(let v): start = v
            case .clear: start = nil
            case .absent: break
            }
            switch date(t, r, "end_date", &run, what: "course \(courseId)") {
            case .value(let v): end = v
            case .clear: end = nil
            case .absent: break
            }
            w.set("start_at", &c.startAt, start)
            w.set("conclude_at", &c.endAt, end)
            w.set("restrict_enrollments_to_course_dates", &c.restrictEnrollmentsToCourseDates, c.startAt != nil || c.endAt != nil)
        }
        if c.courseCode.isEmpty { c.courseCode = shortName } else { w.set("course_code", &c.courseCode, shortName) }
        w.set("name", &c.name, longName)
        if let format { c.courseFormat = format.lowercased() == "not_set" ? nil : format.lowercased() }

        // The state the row asks for: `active` (or `unpublished`) un-concludes a concluded
        // course, restores a deleted one as unpublished and leaves a published one published.
        var target: String?
        if w.may("workflow_state") {
            switch status.lower {
            case "active", "unpublished":
                switch c.workflowState {
                case "completed": target = "available"
                case "deleted", "created": target = "claimed"
                default: target = nil
                }
            case "published": target = "available"
            default: target = status.lower
            }
        }
        c.stuckSisFields = w.result
        c.sisImportId = run.id
        c.updatedAt = now
        if c.id == 0 {
            c.id = nextId("course")
            if let target {
                c.workflowState = target
                if target == "deleted" { c.deletedAt = now }
            }
            put(c)
        } else {
            put(c)
            if let target { moveCourse(c.id, to: target) }
            if c.name != oldName { renameDefaultSection(of: c.id) }
        }
        run.count("courses")
    }

    /// Runs the events that take a course to `target`, with their side effects on enrollments.
    mutating func moveCourse(_ id: Int, to target: String) {
        guard let current = courses[id]?.workflowState, current != target else { return }
        switch target {
        case "claimed":
            applyCourseEvent(current == "deleted" ? .undelete : .claim, to: id)
        case "available":
            if current == "deleted" { applyCourseEvent(.undelete, to: id) }
            applyCourseEvent(.offer, to: id)
        case "completed":
            if current == "deleted" { applyCourseEvent(.undelete, to: id) }
            applyCourseEvent(.conclude, to: id)
        case "deleted":
            applyCourseEvent(.delete, to: id)
        default:
            break
        }
    }

    /// A course's default section follows its name.
    mutating func renameDefaultSection(of courseId: Int) {
        guard let course = courses[courseId] else { return }
        for id in sectionsByCourse[courseId] ?? [] {
            if var sec = sections[id], sec.defaultSection, sec.name != course.name {
                sec.name = course.name
                sec.updatedAt = now
                put(sec)
            }
        }
    }

    // MARK: sections

    mutating func importSection(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        let courseRef = t.value(r, "course_id")
        guard let sectionId = t.value(r, "section_id") else {
            throw SISRowError("No section_id given for a section in course \(courseRef ?? "")")
        }
        guard let courseSIS = courseRef else { throw SISRowError("No course_id given for a section \(sectionId)") }
        let status = Self.status(t, r)
        let name = t.value(r, "name")
        if name == nil && status.lower == "active" { throw SISRowError("No name given for section \(sectionId) in course \(courseSIS)") }
        guard status.lower == "active" || status.lower == "deleted" else {
            throw SISRowError("Improper status \"\(status.raw)\" for section \(sectionId) in course \(courseSIS)")
        }
        if run.options.skipDeletes && status.lower == "deleted" { return }
        guard let course = courseBySIS[courseSIS].flatMap({ courses[$0] }) else {
            throw SISRowError("Section \(sectionId) references course \(courseSIS) which doesn't exist")
        }
        let now = self.now
        let existing = sectionBySIS[sectionId].flatMap { sections[$0] }
        guard existing != nil || name != nil else { throw SISRowError("No name given for section \(sectionId) in course \(courseSIS)") }
        var sec = existing ?? Section(
            id: 0, courseId: course.id, rootAccountId: course.rootAccountId, name: name ?? "", sisSectionId: sectionId,
            integrationId: nil, startAt: nil, endAt: nil, restrictEnrollmentsToSectionDates: false, defaultSection: false,
            workflowState: "active", nonxlistCourseId: nil, createdAt: now, updatedAt: now)
        var w = StickyWriter(run.options, stuck: sec.stuckSisFields)
        if let name { w.set("name", &sec.name, name) }
        let oldCourse = sec.courseId
        w.set("course_id", &sec.courseId, course.id)
        if t.has("integration_id") { sec.integrationId = t.value(r, "integration_id") }
        let wasDeleted = sec.isDeleted
        sec.workflowState = status.lower
        if w.may("start_at") && w.may("end_at") {
            w.set("start_at", &sec.startAt, date(t, r, "start_date", &run, what: "section \(sectionId)").orNil)
            w.set("end_at", &sec.endAt, date(t, r, "end_date", &run, what: "section \(sectionId)").orNil)
        }
        w.set("restrict_enrollments_to_section_dates", &sec.restrictEnrollmentsToSectionDates, sec.startAt != nil || sec.endAt != nil)
        sec.stuckSisFields = w.result
        sec.sisImportId = run.id
        sec.updatedAt = now
        if sec.id == 0 { sec.id = nextId("section") }
        put(sec)
        // A section moved to another course takes its enrollments along.
        if existing != nil && oldCourse != sec.courseId {
            for eid in enrollmentsBySection[sec.id] ?? [] {
                guard var e = enrollments[eid] else { continue }
                e.courseId = sec.courseId
                e.updatedAt = now
                put(e)
            }
        }
        // Deleting a section deletes the enrollments it holds.
        if sec.isDeleted && !wasDeleted {
            for eid in enrollmentsBySection[sec.id] ?? [] where enrollments[eid]?.workflowState != "deleted" {
                _ = withdraw(eid, task: .delete)
            }
        }
        run.count("sections")
    }

    // MARK: users

    mutating func importUser(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        guard let userId = t.value(r, "user_id") else { throw SISRowError("No user_id given for a user") }
        guard let loginId = t.value(r, "login_id") else { throw SISRowError("No login_id given for user \(userId)") }
        let status = Self.status(t, r)
        guard ["active", "suspended", "deleted"].contains(status.lower) else {
            throw SISRowError("Improper status \"\(status.raw)\" for user \(userId)")
        }
        if run.options.skipDeletes && status.lower == "deleted" { return }
        var providerId: Int?
        if let raw = t.value(r, "authentication_provider_id") {
            guard let provider = authProvider(raw) else {
                throw SISRowError("unrecognized authentication provider \(raw) for \(userId), skipping")
            }
            providerId = provider.authType == "canvas" ? nil : provider.id
        }
        let now = self.now
        let bySIS = loginBySIS[userId].flatMap { logins[$0] }
        let byLogin = liveLogin(uniqueId: loginId, providerId: providerId)
        var login: Login? = bySIS
        let loginIdWritable = bySIS.map { StickyWriter(run.options, stuck: $0.stuckSisFields).may("unique_id") } ?? true
        if let byLogin, byLogin.id != bySIS?.id, loginIdWritable {
            // The login id belongs to another login: one with another SIS id, or (when this
            // SIS id already has a login) one without. A SIS-less login is adopted instead.
            if let other = byLogin.sisUserId {
                throw SISRowError("An existing Canvas user with the SIS ID \(other) has already claimed \(userId)'s user_id requested login information, skipping")
            }
            if bySIS != nil {
                throw SISRowError("An existing Canvas user with the Login ID \(loginId) has already claimed \(userId)'s user_id requested login information, skipping")
            }
            login = byLogin
        }
        if let integration = t.value(r, "integration_id"), let owner = loginByIntegration[integration], owner != login?.id {
            throw SISRowError("An existing Canvas user with the SIS ID \(logins[owner]?.sisUserId ?? "") has already claimed \(userId)'s requested integration_id, skipping")
        }

        // Names: full_name, else first + last, else (for a new user) the login id.
        let first = t.value(r, "first_name"), last = t.value(r, "last_name")
        let joined = [first, last].compactMap { $0 }.joined(separator: " ")
        let fullName = t.value(r, "full_name") ?? (joined.isEmpty ? nil : joined)
        var sortable = t.value(r, "sortable_name")
        if sortable == nil, first != nil || last != nil {
            sortable = [last, first].compactMap { $0 }.joined(separator: ", ")
        }

        var user: User
        if let login, let existing = users[login.userId] {
            user = existing
            var w = StickyWriter(run.options, stuck: user.stuckSisFields)
            let oldName = user.name
            if let fullName { w.set("name", &user.name, fullName) }
            if let sortable {
                w.set("sortable_name", &user.sortableName, sortable)
            } else if user.name != oldName && user.sortableName == User.sortable(from: oldName) {
                w.set("sortable_name", &user.sortableName, User.sortable(from: user.name))
            }
            if let short = t.value(r, "short_name") {
                w.set("short_name", &user.shortName, short)
            } else if user.name != oldName && user.shortName == oldName {
                w.set("short_name", &user.shortName, user.name)
            }
            user.stuckSisFields = w.result
        } else {
            let name = fullName ?? loginId
            user = User(
                id: nextId("user"), name: name, shortName: t.value(r, "short_name") ?? name,
                sortableName: sortable ?? User.sortable(from: name), workflowState: "registered", locale: nil, timeZone: nil,
                uuid: StoreState.uuid(), createdAt: now, updatedAt: now)
        }

        var l = login ?? Login(
            id: 0, userId: user.id, accountId: Self.rootAccountId, uniqueId: loginId, sisUserId: userId, integrationId: nil,
            authenticationProviderId: providerId, workflowState: "active", declaredUserType: nil, createdAt: now)
        var w = StickyWriter(run.options, stuck: l.stuckSisFields)
        l.sisUserId = userId
        w.set("unique_id", &l.uniqueId, loginId)
        if t.has("authentication_provider_id") { l.authenticationProviderId = providerId }
        if t.has("integration_id") { l.integrationId = t.value(r, "integration_id") }
        if let type = t.value(r, "declared_user_type") { l.declaredUserType = type == "<delete>" ? nil : type }
        w.set("workflow_state", &l.workflowState, status.lower)
        l.stuckSisFields = w.result
        l.sisImportId = run.id
        if l.id == 0 { l.id = nextId("login") }

        // The last live login going away deletes the user's enrollments (and the user); a live
        // login brings a deleted user back.
        let otherLive = (loginsByUser[user.id] ?? []).contains { $0 != l.id && logins[$0]?.workflowState != "deleted" }
        if l.workflowState == "deleted" && !otherLive {
            if user.workflowState != "deleted" {
                user.workflowState = "deleted"
                for eid in enrollmentsByUser[user.id] ?? [] where enrollments[eid]?.workflowState != "deleted" {
                    _ = withdraw(eid, task: .delete)
                }
            }
        } else if l.workflowState != "deleted" && user.workflowState == "deleted" {
            user.workflowState = "registered"
        } else if l.workflowState != "deleted" && user.workflowState == "pre_registered" {
            user.workflowState = "registered"
        }
        user.updatedAt = now
        put(user)
        put(l)
        if let email = t.value(r, "email"), status.lower == "active", Self.looksLikeEmail(email) {
            setEmail(email, for: user.id, active: true)
        }
        run.count("users")
    }

    // MARK: enrollments

    mutating func importEnrollment(_ t: CSVTable, _ r: CSV.Record, _ run: inout SISImportRun) throws {
        let courseSIS = t.value(r, "course_id"), sectionSIS = t.value(r, "section_id")
        guard courseSIS != nil || sectionSIS != nil else { throw SISRowError("No course_id or section_id given for an enrollment") }
        let userSIS = t.value(r, "user_id"), userIntegration = t.value(r, "user_integration_id")
        guard userSIS != nil || userIntegration != nil else { throw SISRowError("No user_id given for an enrollment") }
        let roleName = t.value(r, "role"), roleIdRaw = t.value(r, "role_id")
        let raw = Self.status(t, r)
        guard let status = Self.enrollmentStatus(raw.raw) else {
            throw SISRowError("Improper status \"\(raw.raw)\" for an enrollment")
        }
        // `add_enrollment` skips a row whose status contains "deleted" anywhere (`/deleted/i`).
        if run.options.skipDeletes && raw.lower.contains("deleted") { return }

        // user_integration_id wins when both are given.
        let login = userIntegration.flatMap { loginByIntegration[$0] }.flatMap { logins[$0] }
            ?? (userIntegration == nil ? userSIS.flatMap { loginBySIS[$0] }.flatMap { logins[$0] } : nil)
        guard let login, let user = users[login.userId] else {
            throw SISRowError("User \(userIntegration ?? userSIS ?? "") didn't exist for user enrollment")
        }
        var course = courseSIS.flatMap { courseBySIS[$0] }.flatMap { courses[$0] }
        var section = sectionSIS.flatMap { sectionBySIS[$0] }.flatMap { sections[$0] }
        if course == nil && section == nil {
            throw SISRowError("Neither course \(courseSIS ?? "") nor section \(sectionSIS ?? "") existed for user enrollment")
        }
        if let sectionSIS, section == nil { throw SISRowError("An enrollment referenced a non-existent section \(sectionSIS)") }
        if let courseSIS, course == nil { throw SISRowError("An enrollment referenced a non-existent course \(courseSIS)") }
        if course == nil, let section { course = courses[section.courseId] }
        guard let theCourse = course else { throw SISRowError("An enrollment referenced a non-existent course \(courseSIS ?? "")") }
        if section == nil { section = defaultSection(of: theCourse.id) }
        guard let theSection = section, theSection.courseId == theCourse.id else {
            throw SISRowError("An enrollment listed a section and a course that are unrelated")
        }

        // role_id, else a custom role's label (case-sensitive), else a built-in role name.
        let visible = visibleCourseRoles(accountId: theCourse.accountId)
        var role: Role?
        if let roleIdRaw {
            guard let id = Int(roleIdRaw), let r = visible.first(where: { $0.id == id && $0.workflowState != "inactive" }) else {
                throw SISRowError("Improper role_id \"\(roleIdRaw)\" for an enrollment")
            }
            role = r
        } else if let roleName {
            if let custom = visible.first(where: { !$0.isBuiltIn && $0.label == roleName && $0.workflowState == "active" }) {
                role = custom
            } else {
                let lower = roleName.lowercased()
                let type: String? = lower == "teacher" ? "TeacherEnrollment"
                    : lower.hasPrefix("student") ? "StudentEnrollment"
                    : lower == "ta" ? "TaEnrollment"
                    : lower == "observer" ? "ObserverEnrollment"
                    : lower == "designer" ? "DesignerEnrollment" : nil
                role = type.flatMap { builtInRole(forType: $0) }
            }
        }
        guard let role else { throw SISRowError("Improper role \"\(roleName ?? "")\" for an enrollment") }
        let type = role.baseRoleType

        // An observer's student: any user with that SIS id, enrolled in the course or not; an
        // id that names no user skips the row (`lib/sis/enrollment_importer.rb`).
        var associated: Int?
        if type == "ObserverEnrollment", let sis = t.value(r, "associated_user_id") {
            guard let observed = loginBySIS[sis].flatMap({ logins[$0] })?.userId else {
                throw SISRowError("An enrollment referenced a non-existent associated user \(sis)")
            }
            associated = observed
        }

        let now = self.now
        let existing = existingEnrollment(
            userId: user.id, sectionId: theSection.id, type: type, roleId: role.id, associatedUserId: associated)
        var e = existing ?? Enrollment(
            id: 0, userId: user.id, courseId: theCourse.id, courseSectionId: theSection.id, rootAccountId: theCourse.rootAccountId,
            type: type, roleId: role.id, workflowState: "active", associatedUserId: associated,
            limitPrivilegesToCourseSection: false, startAt: nil, endAt: nil, selfEnrolled: nil, createdAt: now, updatedAt: now,
            completedAt: nil)

        // Enrollment status is never sticky: the file wins over changes made by hand.
        var state: String
        switch status {
        case "active":
            if user.workflowState == "deleted" {
                state = "deleted"
                run.warn("Attempted enrolling of deleted user \(userSIS ?? userIntegration ?? "") in course \(theCourse.sisCourseId ?? "")")
            } else {
                state = "active"
            }
        case "deleted_last_completed":
            // Deleted only while another enrollment of this user in the course with the same
            // associated user and role is not deleted (Canvas's `Enrollment.active` scope is
            // `workflow_state <> 'deleted'`); the last one is completed instead.
            let otherActive = (enrollmentsByUser[user.id] ?? []).contains { id in
                guard id != e.id, let other = enrollments[id] else { return false }
                return other.courseId == theCourse.id && other.workflowState != "deleted"
                    && other.associatedUserId == associated && other.roleId == role.id
            }
            state = otherActive ? "deleted" : "completed"
        default:
            state = status
        }
        if e.workflowState != state {
            e.workflowState = state
            e.completedAt = state == "completed" ? now : nil
        }
        var w = StickyWriter(run.options, stuck: e.stuckSisFields)
        if w.may("start_at") && w.may("end_at") {
            // Each date is its own: a row with only start_date sets start_at and clears end_at
            // (`lib/sis/csv/enrollment_importer.rb` parses each when present, and the importer
            // writes both unless either is stuck).
            let start = date(t, r, "start_date", &run, what: "user \(userSIS ?? "") in course \(theCourse.sisCourseId ?? "")").orNil
            let end = date(t, r, "end_date", &run, what: "user \(userSIS ?? "") in course \(theCourse.sisCourseId ?? "")").orNil
            w.set("start_at", &e.startAt, start)
            w.set("end_at", &e.endAt, end)
        }
        if t.has("limit_section_privileges") {
            e.limitPrivilegesToCourseSection = t.value(r, "limit_section_privileges").flatMap(Params.boolean) ?? false
        }
        e.stuckSisFields = w.result
        e.sisImportId = run.id
        e.updatedAt = now
        if e.id == 0 { e.id = nextId("enrollment") }
        put(e)
        run.count("enrollments")
    }
}
