/// Loading a `SimSeed`: seeds describe existing state, so rows go in as given (any state,
/// any dates) without the API's create rules; an object found by id or SIS id is updated.
extension StoreState {
    mutating func applySeed(_ seed: SimSeed) throws -> SeedSummary {
        var problems: [String] = []
        var summary = SeedSummary()
        let now = self.now

        if let name = seed.rootAccountName {
            var root = rootAccount
            root.name = name
            put(root)
        }

        for a in seed.accounts {
            var parentId = StoreState.rootAccountId
            if let p = a.parent {
                guard let found = seedAccount(p) else { problems.append("account '\(a.name)': unknown parent \(p.text)"); continue }
                parentId = found.id
            }
            let existing = a.id.flatMap { accounts[$0] } ?? a.sisAccountId.flatMap { accountBySIS[$0] }.flatMap { accounts[$0] }
            put(Account(
                id: existing?.id ?? a.id ?? nextId("account"), name: a.name, parentAccountId: parentId,
                rootAccountId: StoreState.rootAccountId, sisAccountId: a.sisAccountId, integrationId: a.integrationId,
                workflowState: a.workflowState ?? "active", uuid: existing?.uuid ?? StoreState.uuid(),
                defaultTimeZone: existing?.defaultTimeZone ?? "Etc/UTC", createdAt: existing?.createdAt ?? now))
            summary.accounts += 1
        }

        for p in seed.authenticationProviders {
            let existing = p.id.flatMap { authProviders[$0] } ?? authProviders.values.first { $0.authType == p.authType }
            put(AuthenticationProvider(
                id: existing?.id ?? p.id ?? nextId("auth_provider"), accountId: StoreState.rootAccountId, authType: p.authType,
                position: existing?.position ?? authProviders.count + 1))
        }

        for t in seed.terms {
            let existing = t.id.flatMap { terms[$0] } ?? t.sisTermId.flatMap { termBySIS[$0] }.flatMap { terms[$0] }
            if let s = t.startAt, let e = t.endAt, e < s { problems.append("term '\(t.name)': end_at is before start_at"); continue }
            put(Term(
                id: existing?.id ?? t.id ?? nextId("term"), rootAccountId: StoreState.rootAccountId, name: t.name,
                sisTermId: t.sisTermId, integrationId: t.integrationId, startAt: t.startAt, endAt: t.endAt,
                workflowState: t.workflowState ?? "active", isDefault: existing?.isDefault ?? false,
                overrides: t.overrides ?? [:], createdAt: existing?.createdAt ?? now, updatedAt: now))
            summary.terms += 1
        }

        for r in seed.roles {
            let base = EnrollmentRoutes.typeName(r.baseRoleType)
            guard base == "AccountMembership" || Enrollment.types.contains(base) else {
                problems.append("role '\(r.label)': unknown base_role_type '\(r.baseRoleType)'"); continue
            }
            var accountId = StoreState.rootAccountId
            if let a = r.account {
                guard let found = seedAccount(a) else { problems.append("role '\(r.label)': unknown account \(a.text)"); continue }
                accountId = found.id
            }
            let existing = r.id.flatMap { roles[$0] }
                ?? (rolesByAccount[accountId] ?? []).compactMap { roles[$0] }.first { !$0.isBuiltIn && $0.label == r.label }
            put(Role(
                id: existing?.id ?? r.id ?? nextId("role"), accountId: accountId, name: r.label, label: r.label,
                baseRoleType: base, workflowState: r.workflowState ?? "active", createdAt: existing?.createdAt ?? now, updatedAt: now))
            summary.roles += 1
        }

        for c in seed.courses {
            var accountId = StoreState.rootAccountId
            if let a = c.account {
                guard let found = seedAccount(a) else { problems.append("course '\(c.name)': unknown account \(a.text)"); continue }
                accountId = found.id
            }
            var termId = defaultTerm.id
            if let t = c.term {
                let found: Term?
                switch t {
                case .id(let id): found = terms[id]
                case .sis(let v): found = termBySIS[v].flatMap { terms[$0] }
                }
                guard let found else { problems.append("course '\(c.name)': unknown term \(t.text)"); continue }
                termId = found.id
            }
            guard let state = StoreState.seedCourseState(c.workflowState) else {
                problems.append("course '\(c.name)': unknown workflow_state '\(c.workflowState ?? "")'"); continue
            }
            let existing = c.id.flatMap { courses[$0] } ?? c.sisCourseId.flatMap { courseBySIS[$0] }.flatMap { courses[$0] }
            put(Course(
                id: existing?.id ?? c.id ?? nextId("course"), rootAccountId: StoreState.rootAccountId, accountId: accountId,
                termId: termId, name: c.name, courseCode: c.courseCode ?? StoreState.defaultCourseCode(for: c.name),
                sisCourseId: c.sisCourseId, integrationId: c.integrationId, workflowState: state, startAt: c.startAt,
                endAt: c.endAt, restrictEnrollmentsToCourseDates: c.restrictEnrollmentsToCourseDates ?? false,
                uuid: existing?.uuid ?? StoreState.uuid(), license: nil, isPublic: false, isPublicToAuthUsers: false,
                publicSyllabus: false, publicSyllabusToAuth: false, publicDescription: nil, defaultView: "modules",
                timeZone: nil, courseFormat: nil, gradePassbackSetting: nil, hideFinalGrades: false,
                applyAssignmentGroupWeights: false, createdAt: existing?.createdAt ?? now, updatedAt: now,
                deletedAt: state == "deleted" ? now : nil))
            summary.courses += 1
        }

        for sec in seed.sections {
            guard let course = seedCourse(sec.course) else {
                problems.append("section '\(sec.name)': unknown course \(sec.course.text)"); continue
            }
            let existing = sec.id.flatMap { sections[$0] } ?? sec.sisSectionId.flatMap { sectionBySIS[$0] }.flatMap { sections[$0] }
            put(Section(
                id: existing?.id ?? sec.id ?? nextId("section"), courseId: course.id, rootAccountId: StoreState.rootAccountId,
                name: sec.name, sisSectionId: sec.sisSectionId, integrationId: sec.integrationId, startAt: sec.startAt,
                endAt: sec.endAt, restrictEnrollmentsToSectionDates: sec.restrictEnrollmentsToSectionDates ?? false,
                defaultSection: existing?.defaultSection ?? false, workflowState: sec.workflowState ?? "active",
                nonxlistCourseId: nil, createdAt: existing?.createdAt ?? now, updatedAt: now))
            summary.sections += 1
        }

        for u in seed.users {
            var loginSeeds = u.logins ?? []
            if let login = u.login {
                loginSeeds.insert(LoginSeed(
                    uniqueId: login, sisUserId: u.sisUserId, integrationId: u.integrationId,
                    authenticationProvider: u.authenticationProvider,
                    workflowState: u.workflowState == "deleted" ? "deleted" : nil), at: 0)
            } else if u.sisUserId != nil {
                problems.append("user '\(u.name)': sis_user_id needs a login"); continue
            }
            var existing = u.id.flatMap { users[$0] }
            if existing == nil {
                for l in loginSeeds {
                    if let sis = l.sisUserId, let lid = loginBySIS[sis], let login = logins[lid] {
                        existing = users[login.userId]
                        break
                    }
                }
            }
            let user = User(
                id: existing?.id ?? u.id ?? nextId("user"), name: u.name, shortName: u.shortName ?? u.name,
                sortableName: u.sortableName ?? User.sortable(from: u.name), workflowState: u.workflowState ?? "registered",
                locale: nil, timeZone: nil, uuid: existing?.uuid ?? StoreState.uuid(), createdAt: existing?.createdAt ?? now, updatedAt: now)
            var providerProblems = false
            var newLogins: [Login] = []
            for l in loginSeeds {
                var providerId: Int?
                if let raw = l.authenticationProvider {
                    guard let p = authProvider(raw) else {
                        problems.append("user '\(u.name)': unknown authentication provider '\(raw)'"); providerProblems = true; break
                    }
                    providerId = p.authType == "canvas" ? nil : p.id
                }
                let existingLogin = l.id.flatMap { logins[$0] } ?? l.sisUserId.flatMap { loginBySIS[$0] }.flatMap { logins[$0] }
                    ?? (loginsByUser[user.id] ?? []).compactMap { logins[$0] }.first { $0.uniqueId.lowercased() == l.uniqueId.lowercased() }
                newLogins.append(Login(
                    id: existingLogin?.id ?? l.id ?? 0, userId: user.id, accountId: StoreState.rootAccountId, uniqueId: l.uniqueId,
                    sisUserId: l.sisUserId, integrationId: l.integrationId, authenticationProviderId: providerId,
                    workflowState: l.workflowState ?? "active", declaredUserType: nil, createdAt: existingLogin?.createdAt ?? now))
            }
            if providerProblems { continue }
            put(user)
            for var login in newLogins {
                if login.id == 0 { login.id = nextId("login") }
                put(login)
            }
            if let email = u.email { setEmail(email, for: user.id, active: true) }
            summary.users += 1
        }

        for e in seed.enrollments {
            guard let user = seedUser(e.user) else { problems.append("enrollment: unknown user \(e.user.text)"); continue }
            var section: Section?
            if let ref = e.section {
                guard let found = seedSection(ref) else { problems.append("enrollment of \(e.user.text): unknown section \(ref.text)"); continue }
                section = found
            }
            var course: Course?
            if let ref = e.course {
                guard let found = seedCourse(ref) else { problems.append("enrollment of \(e.user.text): unknown course \(ref.text)"); continue }
                course = found
            }
            if let section, let course, section.courseId != course.id {
                problems.append("enrollment of \(e.user.text): section \(e.section!.text) is not in course \(e.course!.text)"); continue
            }
            guard let theCourse = course ?? section.flatMap({ courses[$0.courseId] }) else {
                problems.append("enrollment of \(e.user.text): needs a course or a section"); continue
            }
            let visible = visibleCourseRoles(accountId: theCourse.accountId)
            var role: Role?
            if let name = e.role {
                let full = EnrollmentRoutes.typeName(name)
                role = visible.first { $0.isBuiltIn ? $0.name == full : $0.label == name }
                if role == nil { problems.append("enrollment of \(e.user.text): unknown role '\(name)'"); continue }
            }
            let type = e.type.map(EnrollmentRoutes.typeName) ?? role?.baseRoleType ?? "StudentEnrollment"
            guard Enrollment.types.contains(type) else { problems.append("enrollment of \(e.user.text): unknown type '\(e.type ?? "")'"); continue }
            if let role, role.baseRoleType != type {
                problems.append("enrollment of \(e.user.text): role '\(role.label)' is not a \(type)"); continue
            }
            guard let finalRole = role ?? builtInRole(forType: type) else { continue }
            let state = e.state ?? "active"
            guard Enrollment.states.contains(state) else { problems.append("enrollment of \(e.user.text): unknown state '\(state)'"); continue }
            var associated: Int?
            if let ref = e.associatedUser {
                guard let u = seedUser(ref) else { problems.append("enrollment of \(e.user.text): unknown associated user \(ref.text)"); continue }
                associated = u.id
            }
            let sectionId = section?.id ?? defaultSection(of: theCourse.id).id
            let existing = e.id.flatMap { enrollments[$0] } ?? (enrollmentsByUser[user.id] ?? []).compactMap { enrollments[$0] }.first {
                $0.courseSectionId == sectionId && $0.type == type && $0.roleId == finalRole.id && $0.associatedUserId == associated
            }
            put(Enrollment(
                id: existing?.id ?? e.id ?? nextId("enrollment"), userId: user.id, courseId: theCourse.id, courseSectionId: sectionId,
                rootAccountId: StoreState.rootAccountId, type: type, roleId: finalRole.id, workflowState: state,
                associatedUserId: associated, limitPrivilegesToCourseSection: e.limitPrivilegesToCourseSection ?? false,
                startAt: e.startAt, endAt: e.endAt, selfEnrolled: nil, createdAt: existing?.createdAt ?? now, updatedAt: now,
                completedAt: state == "completed" ? now : nil))
            summary.enrollments += 1
        }

        for t in seed.tokens {
            var userId: Int?
            if let ref = t.user {
                guard let u = seedUser(ref) else { problems.append("token: unknown user \(ref.text)"); continue }
                userId = u.id
            }
            put(AccessToken(token: t.token, userId: userId))
            summary.tokens += 1
        }

        if !problems.isEmpty { throw SeedError(problems: problems) }
        return summary
    }

    static func seedCourseState(_ raw: String?) -> String? {
        switch raw ?? "created" {
        case "created", "claimed", "available", "completed", "deleted": return raw ?? "created"
        case "unpublished": return "claimed"
        case "published", "active": return "available"
        case "concluded": return "completed"
        default: return nil
        }
    }

    private func seedAccount(_ ref: SeedRef) -> Account? {
        switch ref {
        case .id(let id): return accounts[id]
        case .sis(let v): return accountBySIS[v].flatMap { accounts[$0] }
        }
    }

    private func seedCourse(_ ref: SeedRef) -> Course? {
        switch ref {
        case .id(let id): return courses[id]
        case .sis(let v): return courseBySIS[v].flatMap { courses[$0] }
        }
    }

    private func seedSection(_ ref: SeedRef) -> Section? {
        switch ref {
        case .id(let id): return sections[id]
        case .sis(let v): return sectionBySIS[v].flatMap { sections[$0] }
        }
    }

    /// By Canvas id, SIS user id, or else login id.
    private func seedUser(_ ref: SeedRef) -> User? {
        switch ref {
        case .id(let id): return users[id]
        case .sis(let v):
            if let l = loginBySIS[v].flatMap({ logins[$0] }) { return users[l.userId] }
            return (loginsByUniqueId[v.lowercased()] ?? []).compactMap { logins[$0] }.first.flatMap { users[$0.userId] }
        }
    }
}
