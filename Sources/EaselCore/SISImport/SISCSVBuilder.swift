/// Turns plan operations into rows of Canvas's SIS CSVs (Canvas's SIS CSV format: `lib/sis/csv/*_importer.rb`), with the status
/// each action needs:
///
/// | operation | file | status |
/// |---|---|---|
/// | term create, update | terms.csv | `active` |
/// | course create, update | courses.csv | `published` when published, else `active`; an update keeps the live state (`completed` stays) |
/// | course conclude / delete | courses.csv | `completed` / `deleted` |
/// | section create, update / delete | sections.csv | `active` / `deleted` |
/// | user create, update | users.csv | `active` |
/// | enrollment create, reactivate, update | enrollments.csv | `active`, or `inactive` when the config says so |
/// | enrollment conclude / inactivate / delete | enrollments.csv | `completed` / `inactive` / `deleted` |
/// | enrollment replace | enrollments.csv | the new row as a create, then the old (user, role, section) `deleted` |
///
/// Attributes an operation does not change are restated from live values where a blank
/// would change them: names and codes (required), term and section dates (blank clears).
/// Course dates are kept when blank, so only changed ones are sent (`<delete>` clears).
struct SISCSVBuilder {
    let context: SISContext

    static let termsHeader = ["term_id", "name", "status", "start_date", "end_date"]
    static let coursesHeader = ["course_id", "short_name", "long_name", "account_id", "term_id", "status", "start_date", "end_date"]
    static let sectionsHeader = ["section_id", "course_id", "name", "status", "start_date", "end_date"]
    static let usersHeader = ["user_id", "login_id", "full_name", "sortable_name", "email", "status"]
    static let enrollmentsHeader = ["course_id", "section_id", "user_id", "role", "status", "associated_user_id"]

    /// The upload for `operations`, all of which `SISExpressibility` accepts.
    func upload(_ operations: [PlanOperation]) -> SISUpload {
        var terms = SISUpload.File(name: "terms.csv", header: Self.termsHeader)
        var courses = SISUpload.File(name: "courses.csv", header: Self.coursesHeader)
        var sections = SISUpload.File(name: "sections.csv", header: Self.sectionsHeader)
        var users = SISUpload.File(name: "users.csv", header: Self.usersHeader)
        // An authentication provider column applies to every row: blank would clear it.
        var ssoUsers = SISUpload.File(name: "users_sso.csv", header: Self.usersHeader + ["authentication_provider_id"])
        let enrollmentsHeader = Self.enrollmentsHeader + (context.notify ? ["notify"] : [])
        var enrollments = SISUpload.File(name: "enrollments.csv", header: enrollmentsHeader)
        // Observers last: Canvas links an observer only to a student already enrolled.
        var observers = SISUpload.File(name: "enrollments_observers.csv", header: enrollmentsHeader)

        for op in operations {
            for row in rows(op) {
                switch op.kind {
                case .term: terms.append(row, op)
                case .course: courses.append(row, op)
                case .section: sections.append(row, op)
                case .user: op.afterString(UserAttribute.authProvider) == nil ? users.append(row, op) : ssoUsers.append(row, op)
                case .enrollment: op.observing == nil ? enrollments.append(row, op) : observers.append(row, op)
                }
            }
        }
        return SISUpload(files: [terms, courses, sections, users, ssoUsers, enrollments, observers])
    }

    /// The CSV rows of one operation (two for a replace), by the file's columns.
    func rows(_ op: PlanOperation) -> [[String?]] {
        switch op.kind {
        case .term: [termRow(op)]
        case .course: [courseRow(op)]
        case .section: [sectionRow(op)]
        case .user: [userRow(op)]
        case .enrollment: enrollmentRows(op)
        }
    }

    // MARK: rows

    private func termRow(_ op: PlanOperation) -> [String?] {
        let live = context.term(op.id)
        return [
            op.id, op.afterString(TermAttribute.name) ?? live?.name, "active",
            date(op, "start", else: live?.start), date(op, "end", else: live?.end),
        ]
    }

    private func courseRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : context.course(op.id)
        let status: String =
            switch op.action {
            case .conclude: "completed"
            case .delete: "deleted"
            default:
                switch op.afterBool(CourseAttribute.published) {
                case true?: "published"
                case false?, nil:
                    // An update restates the live state: `active` would re-open a concluded course.
                    switch live?.workflowState {
                    case "available": "published"
                    case "completed": "completed"
                    default: "active"
                    }
                }
            }
        var start: String?, end: String?
        if op.sets(CourseAttribute.start) || op.sets(CourseAttribute.end) {
            // Blank keeps a course date. The plan names only the side that changes; when the
            // course did not restrict enrollments to its dates yet, the stored other side
            // (which the plan read as none) would start to count, so it is cleared (as the API path does).
            let clearOther = op.action != .create && !(live?.restrictToDates ?? false)
            start = courseDate(op, "start", clearOther: clearOther)
            end = courseDate(op, "end", clearOther: clearOther)
        }
        let account = op.afterString(CourseAttribute.account).flatMap { context.accountColumn($0) } ?? nil
        return [
            op.id, op.afterString(CourseAttribute.code) ?? live?.code, op.afterString(CourseAttribute.name) ?? live?.name, account,
            op.afterString(CourseAttribute.term), status, start, end,
        ]
    }

    private func courseDate(_ op: PlanOperation, _ key: String, clearOther: Bool) -> String? {
        guard let value = op.after?[key] else { return clearOther ? "<delete>" : nil }
        guard let text = value.string else { return op.action == .create ? nil : "<delete>" }
        return Self.timestamp(text)
    }

    private func sectionRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : op.course.flatMap { context.section(op.id, in: $0) }
        let status = op.action == .delete ? "deleted" : "active"
        return [
            op.id, op.course, op.afterString(SectionAttribute.name) ?? live?.name ?? op.before?[SectionAttribute.name]?.string, status,
            op.action == .delete ? nil : date(op, "start", else: live?.start),
            op.action == .delete ? nil : date(op, "end", else: live?.end),
        ]
    }

    private func userRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : context.user(op.id)
        var row: [String?] = [
            op.afterString(UserAttribute.sisId) ?? op.id, op.afterString(UserAttribute.login) ?? live?.login,
            op.afterString(UserAttribute.name) ?? live?.name, op.afterString(UserAttribute.sortableName), op.afterString(UserAttribute.email), "active",
        ]
        if let provider = op.afterString(UserAttribute.authProvider) { row.append(provider) }
        return row
    }

    private func enrollmentRows(_ op: PlanOperation) -> [[String?]] {
        let wanted = op.afterString(EnrollmentAttribute.state) == "inactive" ? "inactive" : "active"
        let status: String =
            switch op.action {
            case .conclude: "completed"
            case .inactivate: "inactive"
            case .delete: "deleted"
            default: wanted
            }
        var rows = [enrollmentRow(op, role: op.role, section: op.section, status: status)]
        if op.action == .replace {
            // The enrollment it replaces: same user, the role or section it had.
            rows.append(enrollmentRow(op, role: op.previousRole, section: op.previousSection, status: "deleted"))
        }
        return rows
    }

    private func enrollmentRow(_ op: PlanOperation, role: String?, section: String?, status: String) -> [String?] {
        var row: [String?] = [op.course, section, op.user, role, status, op.observing]
        if context.notify { row.append("true") }
        return row
    }

    // MARK: values

    /// A date the operation sets, else the live one (terms and sections clear a blank date).
    private func date(_ op: PlanOperation, _ key: String, else live: ConfigDate?) -> String? {
        if let value = op.after?[key] { return value.string.map(Self.timestamp) }
        return live?.canvasTimestamp
    }

    /// A plan date (`2026-09-01` or a timestamp) as the full UTC timestamp Canvas is sent.
    static func timestamp(_ text: String) -> String {
        ConfigDate(iso: text)?.canvasTimestamp ?? text
    }
}

extension SISUpload.File {
    mutating func append(_ row: [String?], _ op: PlanOperation) {
        rows.append(row)
        addresses.append(op.address)
    }
}
