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
        op.kind.resource.sisRows(op, self)
    }








    // MARK: values

    /// A date the operation sets, else the live one (terms and sections clear a blank date).
    func date<A: PlanAttribute>(_ op: PlanOperation, _ key: A, else live: ConfigDate?) -> String? {
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
