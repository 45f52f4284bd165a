import CanvasSim

extension District {
    /// A Canvas that already holds exactly what the config declares: `easel plan` shows no changes.
    ///
    /// The mapping mirrors what easel reads: courses keep their term's dates (no course dates,
    /// no restriction), `published: true` is `available`, `false` is `claimed` (unpublished),
    /// sections have no dates, users carry the config's sortable name and email, and every
    /// enrollment is active.
    public func matchingSeed() -> SimSeed {
        var seed = emptySeed()
        seed.terms = terms.map { t in
            TermSeed(name: t.name, sisTermId: t.id, startAt: Timestamp(iso8601: t.start), endAt: Timestamp(iso8601: t.end))
        }
        seed.users = users.map { u in
            UserSeed(name: u.name, sortableName: u.sortableName, sisUserId: u.id, login: u.login, email: u.email)
        }
        for course in courses {
            seed.courses.append(CourseSeed(
                name: course.name, courseCode: course.code, sisCourseId: course.id, account: course.account.map { .sis($0) },
                term: .sis(course.term), workflowState: course.workflowState))
            seed.sections += course.sections.map { SectionSeed(name: $0.name, sisSectionId: $0.id, course: .sis(course.id)) }
            seed.enrollments += course.enrollments.map { Self.seed($0, course: course.id) }
        }
        return seed
    }

    /// Only the account structure (root name, sub-accounts, the custom role) and the token:
    /// what an apply to a fresh Canvas starts from.
    public func emptySeed() -> SimSeed {
        SimSeed(
            rootAccountName: Self.rootAccountName,
            accounts: subAccounts.map { AccountSeed(name: $0.name, sisAccountId: $0.sisId) },
            roles: [RoleSeed(label: Self.customRole.name, baseRoleType: Self.customRole.base)],
            tokens: [TokenSeed(token: options.token)])
    }

    static func seed(_ e: Enrollment, course: String, state: String = "active") -> EnrollmentSeed {
        let custom = e.role == customRole.name
        return EnrollmentSeed(
            user: .sis(e.user), course: .sis(course), section: e.section.map { .sis($0) },
            type: custom ? customRole.base : e.role, role: custom ? e.role : nil, state: state)
    }
}
