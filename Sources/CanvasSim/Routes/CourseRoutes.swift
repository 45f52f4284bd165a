/// Courses: create and list under an account, get/update/delete by id.
enum CourseRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("POST", "/api/v1/accounts/:account_id/courses") { req, s in
            try create(req, &s)
        }
        t.add("GET", "/api/v1/accounts/:account_id/courses") { req, s in
            try list(req, &s)
        }
        t.add("GET", "/api/v1/accounts/:account_id/courses/:id") { req, s in
            guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
            let includes = req.includes()
            guard let course = s.course(req.ref("id"), includeDeleted: includes.contains("all_courses")),
                  s.accountChain(course.accountId).contains(account.id)
            else { throw APIError.notFound }
            return .json(s.courseJSON(course, includes: includes))
        }
        t.add("GET", "/api/v1/courses/:id") { req, s in
            let includes = req.includes()
            guard let course = s.course(req.ref("id"), includeDeleted: includes.contains("all_courses")) else {
                throw APIError.notFound
            }
            return .json(s.courseJSON(course, includes: includes))
        }
        t.add("PUT", "/api/v1/courses/:id") { req, s in
            try update(req, &s)
        }
        t.add("DELETE", "/api/v1/courses/:id") { req, s in
            guard let course = s.course(req.ref("id")) else { throw APIError.notFound }
            switch req.params.string("event") {
            case "delete":
                s.applyCourseEvent(.delete, to: course.id)
                return .json(.object([("delete", .bool(true))]))
            case "conclude":
                s.applyCourseEvent(.conclude, to: course.id)
                return .json(.object([("conclude", .bool(true))]))
            default:
                throw APIError.message("Only \"delete\" and \"conclude\" events are allowed.")
            }
        }
    }

    // MARK: create

    static func create(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        guard let pathAccount = s.account(req.ref("account_id")) else { throw APIError.notFound }
        let p = req.params
        var account = pathAccount
        if let raw = p.string("course", "account_id") {
            guard let sub = s.account(IdRef(raw)), s.accountChain(sub.id).contains(pathAccount.id) else { throw APIError.notFound }
            account = sub
        }
        let term = try termParam(p, &s) ?? s.defaultTerm
        let sis = p.string("course", "sis_course_id").flatMap { $0.isEmpty ? nil : $0 }
        let now = s.now

        var course: Course
        if let sis, let ownerId = s.courseBySIS[sis], let owner = s.courses[ownerId] {
            // A deleted course keeps its SIS id; only enable_sis_reactivation takes it back.
            guard owner.isDeleted, p.bool("enable_sis_reactivation") == true else { throw APIError.sisTaken(sis) }
            course = owner
            course.workflowState = "claimed"
            course.deletedAt = nil
            if p.has("course", "account_id") { course.accountId = account.id }
        } else {
            let name = p.string("course", "name").flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? "Unnamed Course"
            course = Course(
                id: 0, rootAccountId: StoreState.rootAccountId, accountId: account.id, termId: term.id,
                name: name, courseCode: "", sisCourseId: sis, integrationId: nil, workflowState: "created",
                startAt: nil, endAt: nil, restrictEnrollmentsToCourseDates: false, uuid: StoreState.uuid(),
                license: nil, isPublic: false, isPublicToAuthUsers: false, publicSyllabus: false,
                publicSyllabusToAuth: false, publicDescription: nil, defaultView: "modules", timeZone: nil,
                courseFormat: nil, gradePassbackSetting: nil, hideFinalGrades: false,
                applyAssignmentGroupWeights: false, createdAt: now, updatedAt: now, deletedAt: nil)
        }
        if p.has("course", "term_id") || p.has("course", "enrollment_term_id") || course.id == 0 { course.termId = term.id }
        applyAttributes(p, to: &course)
        // start/end only count when this same request restricts enrollments to course dates.
        if p.bool("course", "restrict_enrollments_to_course_dates") == true {
            course.restrictEnrollmentsToCourseDates = true
            applyDates(p, to: &course)
        }
        if course.courseCode.isEmpty { course.courseCode = StoreState.defaultCourseCode(for: course.name) }
        if course.id == 0 { course.id = s.nextId("course") }
        course.updatedAt = now
        s.put(course)
        if p.bool("offer") == true { s.applyCourseEvent(.offer, to: course.id) }
        return .json(s.courseJSON(s.courses[course.id]!, includes: []))
    }

    /// `course[term_id]` or `course[enrollment_term_id]`, looked up in the root account; 404 when unknown.
    static func termParam(_ p: Params, _ s: inout StoreState) throws -> Term? {
        guard let raw = p.string("course", "term_id") ?? p.string("course", "enrollment_term_id") else { return nil }
        guard let term = s.term(IdRef(raw), includeDeleted: false) else { throw APIError.notFound }
        return term
    }

    static func applyAttributes(_ p: Params, to c: inout Course) {
        if let name = p.string("course", "name"), !name.trimmingWhitespace().isEmpty { c.name = name }
        if let code = p.optionalString("course", "course_code") { c.courseCode = code ?? "" }
        if let v = p.optionalString("course", "integration_id") { c.integrationId = v.flatMap { $0.isEmpty ? nil : $0 } }
        if let v = p.optionalString("course", "license") { c.license = v }
        if let v = p.bool("course", "is_public") { c.isPublic = v }
        if let v = p.bool("course", "is_public_to_auth_users") { c.isPublicToAuthUsers = v }
        if let v = p.bool("course", "public_syllabus") { c.publicSyllabus = v }
        if let v = p.bool("course", "public_syllabus_to_auth") { c.publicSyllabusToAuth = v }
        if let v = p.optionalString("course", "public_description") { c.publicDescription = v }
        if let v = p.string("course", "default_view"), ["feed", "wiki", "modules", "syllabus", "assignments"].contains(v) { c.defaultView = v }
        if let v = p.optionalString("course", "time_zone") { c.timeZone = v }
        if let v = p.optionalString("course", "course_format") {
            c.courseFormat = v.flatMap { ["on_campus", "online", "blended"].contains($0) ? $0 : nil }
        }
        if let v = p.optionalString("course", "grade_passback_setting") { c.gradePassbackSetting = v.flatMap { $0.isEmpty ? nil : $0 } }
        if let v = p.bool("course", "hide_final_grades") { c.hideFinalGrades = v }
        if let v = p.bool("course", "apply_assignment_group_weights") { c.applyAssignmentGroupWeights = v }
    }

    static func applyDates(_ p: Params, to c: inout Course) {
        if let v = p.optionalString("course", "start_at") { c.startAt = v.flatMap(Timestamp.init(iso8601:)) }
        if let v = p.optionalString("course", "end_at") ?? p.optionalString("course", "conclude_at") {
            c.endAt = v.flatMap(Timestamp.init(iso8601:))
        }
    }

    // MARK: update

    static func update(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        // Update finds deleted courses too (that is how a tombstone's SIS id gets cleared).
        guard var course = s.course(req.ref("id"), includeDeleted: true) else { throw APIError.notFound }
        let p = req.params
        let keys = p.keys("course")
        var event: StoreState.CourseEvent?
        if let raw = p.string("course", "event") {
            guard let e = StoreState.CourseEvent(rawValue: raw) else { throw APIError.message("Invalid event \(raw)") }
            event = e
        }
        if p.bool("offer") == true && event == nil { event = .offer }

        if keys == ["event"] {
            // Only the event runs.
            if let event { s.applyCourseEvent(event, to: course.id) }
            return .json(s.courseJSON(s.courses[course.id]!, includes: []))
        }

        // Validate lookups before changing anything.
        let term = try termParam(p, &s)
        var newAccount: Account?
        if let raw = p.string("course", "account_id") {
            guard let a = s.account(IdRef(raw)) else { throw APIError.notFound }
            newAccount = a
        }
        if let v = p.optionalString("course", "sis_course_id") {
            let sis = v.flatMap { $0.isEmpty ? nil : $0 }
            if let sis, let owner = s.courseBySIS[sis], owner != course.id { throw APIError.sisTaken(sis) }
            course.sisCourseId = sis
        }
        let oldName = course.name
        applyAttributes(p, to: &course)
        if let v = p.bool("course", "restrict_enrollments_to_course_dates") { course.restrictEnrollmentsToCourseDates = v }
        applyDates(p, to: &course)
        if let term { course.termId = term.id }
        if let newAccount { course.accountId = newAccount.id }
        if course.courseCode.isEmpty { course.courseCode = StoreState.defaultCourseCode(for: course.name) }
        course.updatedAt = s.now
        s.put(course)
        if let event { s.applyCourseEvent(event, to: course.id) }

        // A course on term dates keeps no end date, nor a start date while unpublished.
        var saved = s.courses[course.id]!
        if !saved.restrictEnrollmentsToCourseDates {
            saved.endAt = nil
            if saved.apiState == "unpublished" { saved.startAt = nil }
            if saved != s.courses[course.id]! { s.put(saved) }
        }
        if saved.name != oldName {
            for id in s.sectionsByCourse[saved.id] ?? [] {
                if var sec = s.sections[id], sec.defaultSection, sec.name != saved.name {
                    sec.name = saved.name
                    sec.updatedAt = s.now
                    s.put(sec)
                }
            }
        }
        return .json(s.courseJSON(saved, includes: []))
    }

    // MARK: list

    static func list(_ req: APIRequest, _ s: inout StoreState) throws -> APIResponse {
        guard let account = s.account(req.ref("account_id")) else { throw APIError.notFound }
        let p = req.params
        var states = Set(p.strings("state") ?? ["created", "claimed", "available", "completed"])
        if states.contains("all") { states = ["created", "claimed", "available", "completed", "deleted"] }
        if let published = p.bool("published") {
            states = published ? states.intersection(["available"]) : states.subtracting(["available"])
        }
        var termId: Int?
        if let raw = p.string("enrollment_term_id") {
            guard let term = s.term(IdRef(raw)) else { throw APIError.notFound }
            termId = term.id
        }
        var search: String?
        if let term = p.string("search_term") {
            guard term.count >= 3 else {
                throw APIError(status: 400, body: .object([
                    ("status", .string("argument_error")), ("message", .string("search_term of 3 or more characters is required")),
                ]))
            }
            search = term.lowercased()
        }
        var accountIds = s.accountSubtree(account.id)
        if let subs = p.strings("by_subaccounts") {
            let wanted = subs.compactMap { s.account(IdRef($0))?.id }
            accountIds = wanted.flatMap { s.accountSubtree($0) }.filter { Set(accountIds).contains($0) }
        }
        let enrollmentTypes = p.strings("enrollment_type").map { Set($0.map(EnrollmentRoutes.typeName)) }
        let withEnrollments = p.bool("with_enrollments") ?? p.bool("hide_enrollmentless_courses").flatMap { $0 ? true : nil }
        let completed = p.bool("completed")

        var courses: [Course] = []
        for aid in accountIds {
            for id in s.coursesByAccount[aid] ?? [] {
                guard let c = s.courses[id], states.contains(c.workflowState) else { continue }
                if let termId, c.termId != termId { continue }
                if let completed, s.isConcluded(c) != completed { continue }
                if let search {
                    let hit = c.name.lowercased().contains(search) || c.courseCode.lowercased().contains(search)
                        || (c.sisCourseId?.lowercased().contains(search) ?? false) || String(c.id) == search
                    if !hit { continue }
                }
                if withEnrollments != nil || enrollmentTypes != nil {
                    let live = (s.enrollmentsByCourse[c.id] ?? []).compactMap { s.enrollments[$0] }.filter { $0.workflowState != "deleted" }
                    if let withEnrollments, live.isEmpty == withEnrollments { continue }
                    if let enrollmentTypes, !live.contains(where: { enrollmentTypes.contains($0.type) }) { continue }
                }
                courses.append(c)
            }
        }
        let descending = p.string("order") == "desc"
        switch p.string("sort") {
        case "course_name":
            courses.sort { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        case "sis_course_id":
            courses.sort { ($0.sisCourseId ?? "", $0.id) < ($1.sisCourseId ?? "", $1.id) }
        case "account_name":
            courses.sort { (s.accounts[$0.accountId]?.name ?? "", $0.id) < (s.accounts[$1.accountId]?.name ?? "", $1.id) }
        default:
            courses.sort { $0.id < $1.id }
        }
        if descending { courses.reverse() }
        let includes = req.includes().subtracting(["sections", "needs_grading_count", "total_scores", "permissions"])
        let (page, link) = req.pagination.ordinal(courses, countTotal: false)
        return .page(page.map { s.courseJSON($0, includes: includes) }, link: link)
    }
}

extension StoreState {
    func courseJSON(_ c: Course, includes: Set<String>) -> JSON {
        var m: [(String, JSON)] = [
            ("id", .int(c.id)),
            ("name", .string(c.name)),
            ("account_id", .int(c.accountId)),
            ("uuid", .string(c.uuid)),
            ("start_at", .timestamp(c.startAt)),
            ("grading_standard_id", .null),
            ("is_public", .bool(c.isPublic)),
            ("created_at", .timestamp(c.createdAt)),
            ("course_code", .string(c.courseCode)),
            ("default_view", .string(c.defaultView)),
            ("root_account_id", .int(c.rootAccountId)),
            ("enrollment_term_id", .int(c.termId)),
            ("license", .string(c.license)),
            ("grade_passback_setting", .string(c.gradePassbackSetting)),
            ("end_at", .timestamp(c.endAt)),
            ("public_syllabus", .bool(c.publicSyllabus)),
            ("public_syllabus_to_auth", .bool(c.publicSyllabusToAuth)),
            ("storage_quota_mb", .int(500)),
            ("is_public_to_auth_users", .bool(c.isPublicToAuthUsers)),
            ("homeroom_course", .bool(false)),
            ("course_color", .null),
            ("friendly_name", .null),
            ("apply_assignment_group_weights", .bool(c.applyAssignmentGroupWeights)),
            ("calendar", .object([("ics", .string("/feeds/calendars/course_\(c.uuid).ics"))])),
            ("time_zone", .string(c.timeZone ?? accounts[c.accountId]?.defaultTimeZone ?? "Etc/UTC")),
            ("blueprint", .bool(false)),
            ("template", .bool(false)),
            ("sis_course_id", .string(c.sisCourseId)),
            ("integration_id", .string(c.integrationId)),
            ("sis_import_id", .int(c.sisImportId)),
            ("enrollments", .array([])),
            ("hide_final_grades", .bool(c.hideFinalGrades)),
            ("workflow_state", .string(c.apiState)),
            ("course_format", .string(c.courseFormat)),
            ("restrict_enrollments_to_course_dates", .bool(c.restrictEnrollmentsToCourseDates)),
        ]
        if includes.contains("term"), let t = terms[c.termId] {
            m.append(("term", .object([
                ("id", .int(t.id)), ("name", .string(t.name)), ("start_at", .timestamp(t.startAt)),
                ("end_at", .timestamp(t.endAt)), ("created_at", .timestamp(t.createdAt)),
                ("workflow_state", .string(t.workflowState)), ("grading_period_group_id", .null),
            ])))
        }
        if includes.contains("account"), let a = accounts[c.accountId] { m.append(("account", accountJSON(a))) }
        if includes.contains("account_name") { m.append(("account_name", .string(accounts[c.accountId]?.name))) }
        if includes.contains("concluded") { m.append(("concluded", .bool(isConcluded(c)))) }
        let live = includes.isDisjoint(with: ["total_students", "teachers", "sections"]) ? []
            : (enrollmentsByCourse[c.id] ?? []).compactMap { enrollments[$0] }
        if includes.contains("total_students") {
            let students = Set(live.filter { $0.type == "StudentEnrollment" && ($0.workflowState == "active" || $0.workflowState == "invited") }.map(\.userId))
            m.append(("total_students", .int(students.count)))
        }
        if includes.contains("teachers") {
            var seen = Set<Int>()
            let teachers = live.filter { $0.type == "TeacherEnrollment" && $0.workflowState != "deleted" && seen.insert($0.userId).inserted }
            m.append(("teachers", .array(teachers.compactMap { e in
                users[e.userId].map { .object([("id", .int($0.id)), ("display_name", .string($0.shortName))]) }
            })))
        }
        if includes.contains("sections") {
            let secs = (sectionsByCourse[c.id] ?? []).compactMap { sections[$0] }.filter { !$0.isDeleted }
            m.append(("sections", .array(secs.map {
                .object([("id", .int($0.id)), ("name", .string($0.name)), ("start_at", .timestamp($0.startAt)), ("end_at", .timestamp($0.endAt))])
            })))
        }
        return .object(m)
    }
}
