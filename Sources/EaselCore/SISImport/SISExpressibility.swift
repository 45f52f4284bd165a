/// Which operations a SIS import can carry out exactly as the API path would, and why the
/// others cannot. The rest of the SIS path relies on this: the CSV builder only sees
/// operations this accepts.
///
/// A CSV names every object by SIS id, so objects without one stay on the API: courses
/// adopted by `canvas_id`, users keyed by login (`policy.user_key: login`), enrollments of
/// users easel does not know (`canvas:ID`), and sub-accounts without a SIS id. Some changes
/// have no CSV form: unpublishing (status `active` leaves a published course published),
/// a login change (a users.csv row renames the login holding the SIS id, which need not be
/// the one the plan names), and enrollments in a section without SIS id other than the
/// default one.
enum SISExpressibility {
    /// nil when a SIS import can carry `op` out; else why it goes through the API.
    static func apiReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        switch op.kind {
        case .term: termReason(op, context)
        case .course: courseReason(op, context)
        case .section: sectionReason(op, context)
        case .user: userReason(op, context)
        case .enrollment: enrollmentReason(op, context)
        }
    }

    private static func termReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        switch op.action {
        case .create: return nil
        case .update: return context.term(op.id) == nil ? "the term's live values are not known" : nil
        default: return "a SIS import cannot \(op.action.rawValue) a term"
        }
    }

    private static func courseReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        if let account = op.afterString(CourseAttribute.account), context.accountColumn(account) == nil {
            return "its account '\(account)' has no SIS id"
        }
        switch op.action {
        case .create:
            return nil
        case .update, .conclude, .delete:
            guard context.course(op.id) != nil else { return "the course's live values are not known" }
            if op.afterBool(CourseAttribute.published) == false { return "a SIS import cannot unpublish a course" }
            // A blank account_id leaves an existing course where it is (Canvas's importer sets
            // the account only when the column names one), so a move to the root is the API's.
            if let account = op.afterString(CourseAttribute.account), case .some(.none) = context.accountColumn(account) {
                return "a SIS import cannot move a course back to the root account"
            }
            if op.sets(CourseAttribute.sisId) { return "it sets a SIS id" }
            return nil
        case .adopt:
            return "it is mapped by canvas_id and has no SIS id yet"
        default:
            return "a SIS import cannot \(op.action.rawValue) a course"
        }
    }

    private static func sectionReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard op.course != nil else { return "its course is not known" }
        switch op.action {
        case .create: return nil
        case .update, .delete:
            guard let course = op.course, context.section(op.id, in: course) != nil else {
                return "the section's live values are not known"
            }
            return nil
        default: return "a SIS import cannot \(op.action.rawValue) a section"
        }
    }

    private static func userReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard context.userKey == .sisId else { return "users are keyed by login (policy.user_key: login)" }
        switch op.action {
        case .create:
            return op.afterString(UserAttribute.login) == nil ? "it has no login" : nil
        case .update:
            if op.sets(UserAttribute.login) { return "it changes the login" }
            guard let live = context.user(op.id), live.login != nil else { return "the user's live login is not known" }
            return nil
        default:
            return "a SIS import cannot \(op.action.rawValue) a user"
        }
    }

    private static func enrollmentReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard context.userKey == .sisId else { return "users are keyed by login (policy.user_key: login)" }
        guard let course = op.course, op.user != nil, op.role != nil else { return "its course, user or role is not known" }
        for user in [op.user, op.observing].compactMap({ $0 }) where user.hasPrefix("canvas:") {
            return "user \(user) has no SIS id"
        }
        if op.action == .adopt { return "a SIS import cannot adopt an enrollment" }
        // Rows that name an existing enrollment by its (user, role, section) must find that one.
        let existing = op.action != .create
        if existing, (op.section == nil || op.previousSection == nil), !context.defaultSectionIsUnambiguous(course: course) {
            return "course '\(course)' has several sections without a SIS id"
        }
        return nil
    }
}
