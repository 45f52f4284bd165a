/// Enrollments: create (course or section path), list (course, section, user), conclude /
/// delete / inactivate, reactivate.
enum EnrollmentRoutes {
    static let shortTypes = [
        "student": "StudentEnrollment", "teacher": "TeacherEnrollment", "ta": "TaEnrollment",
        "observer": "ObserverEnrollment", "designer": "DesignerEnrollment",
    ]

    /// `student` → `StudentEnrollment`; full names pass through.
    static func typeName(_ raw: String) -> String { shortTypes[raw.lowercased()] ?? raw }

    static func register(_ t: inout RouteTable) {
        t.add("POST", "/api/v1/courses/:course_id/enrollments") { req, s in
            guard let course = s.course(req.ref("course_id")) else { throw APIError.notFound }
            return try create(req, course: course, sectionFromPath: nil, &s)
        }
        t.add("POST", "/api/v1/sections/:section_id/enrollments") { req, s in
            guard let sec = s.section(req.ref("section_id")), let course = s.course(.id(sec.courseId)) else { throw APIError.notFound }
            return try create(req, course: course, sectionFromPath: sec, &s)
        }

        t.add("GET", "/api/v1/courses/:course_id/enrollments") { req, s in
            guard let course = s.course(req.ref("course_id")) else { throw APIError.notFound }
            return try list(req, ids: s.enrollmentsByCourse[course.id] ?? [], scope: .course, &s)
        }
        t.add("GET", "/api/v1/sections/:section_id/enrollments") { req, s in
            guard let sec = s.section(req.ref("section_id")) else { throw APIError.notFound }
            return try list(req, ids: s.enrollmentsBySection[sec.id] ?? [], scope: .course, &s)
        }
        t.add("GET", "/api/v1/users/:user_id/enrollments") { req, s in
            guard let user = s.user(req.ref("user_id"), caller: req.callerUserId) else { throw APIError.notFound }
            return try list(req, ids: s.enrollmentsByUser[user.id] ?? [], scope: user.id == req.callerUserId ? .selfUser : .otherUser, &s)
        }
        t.add("GET", "/api/v1/accounts/:account_id/enrollments/:id") { req, s in
            guard s.account(req.ref("account_id")) != nil, case .id(let id) = req.ref("id"), let e = s.enrollments[id] else {
                throw APIError.notFound
            }
            return .json(s.enrollmentJSON(e))
        }

        t.add("DELETE", "/api/v1/courses/:course_id/enrollments/:id") { req, s in
            guard let course = s.course(req.ref("course_id")), case .id(let id) = req.ref("id"),
                  let e = s.enrollments[id], e.courseId == course.id
            else { throw APIError.notFound }
            // No task (or an unknown one) concludes: it does not delete.
            let task = req.params.string("task").flatMap(StoreState.EnrollmentTask.init(rawValue:)) ?? .conclude
            // Mutate first: `s.enrollmentJSON(s.withdraw(…))` copies the whole state before the
            // mutation, so every dictionary in it is copied on write (O(n) per request).
            let withdrawn = s.withdraw(e.id, task: task)
            return .json(s.enrollmentJSON(withdrawn))
        }

        t.add("PUT", "/api/v1/courses/:course_id/enrollments/:id/reactivate") { req, s in
            guard let course = s.course(req.ref("course_id")), case .id(let id) = req.ref("id"),
                  var e = s.enrollments[id], e.courseId == course.id
            else { throw APIError.notFound }
            guard e.workflowState == "inactive" else {
                throw APIError(status: 400, body: .object([("error", .string("enrollment not inactive"))]))
            }
            e.workflowState = "active"
            e.updatedAt = s.now
            s.put(e)
            return .json(s.enrollmentJSON(e))
        }
    }

    // MARK: create

    static func create(_ req: APIRequest, course: Course, sectionFromPath: Section?, _ s: inout StoreState) throws -> APIResponse {
        let p = req.params
        guard p.object("enrollment") != nil else { throw APIError.message("No parameters given") }
        guard let rawUser = p.string("enrollment", "user_id"), !rawUser.isEmpty else {
            throw APIError.message("Can't create an enrollment without a user. Include enrollment[user_id] to create an enrollment")
        }
        guard let user = s.user(IdRef(rawUser), caller: req.callerUserId) else { throw APIError.notFound }

        var type: String?
        if let raw = p.string("enrollment", "type"), !raw.isEmpty {
            guard Enrollment.types.contains(raw) else { throw APIError.message("Invalid type") }
            type = raw
        }
        let visible = s.visibleCourseRoles(accountId: course.accountId)
        var role: Role?
        if let raw = p.string("enrollment", "role_id"), !raw.isEmpty {
            guard let id = Int(raw), let r = visible.first(where: { $0.id == id }) else { throw APIError.message("Invalid role") }
            role = r
        } else if let name = p.string("enrollment", "role"), !name.isEmpty {
            guard let r = visible.first(where: { ($0.isBuiltIn ? $0.name : $0.label) == name && $0.workflowState != "inactive" })
            else { throw APIError.message("Invalid role") }
            role = r
        }
        if let r = role {
            guard r.workflowState != "inactive" else {
                throw APIError.message("Cannot create an enrollment with this role because it is inactive.")
            }
            if let type, type != r.baseRoleType { throw APIError.message("The specified type must match the base type for the role") }
            type = r.baseRoleType
        }
        let finalType = type ?? "StudentEnrollment"
        guard let finalRole = role ?? s.builtInRole(forType: finalType) else { throw APIError.message("Invalid role") }

        var sectionId = sectionFromPath?.id
        if sectionFromPath == nil, let raw = p.string("enrollment", "course_section_id"), !raw.isEmpty {
            guard let sec = s.section(IdRef(raw)), sec.courseId == course.id else { throw APIError.notFound }
            sectionId = sec.id
        }
        var requested: String?
        if let raw = p.string("enrollment", "enrollment_state"), !raw.isEmpty {
            guard ["active", "invited", "inactive", "creation_pending"].contains(raw) else {
                throw APIError.message("Invalid enrollment_state")
            }
            requested = raw
        }
        var associated: Int?
        if let raw = p.string("enrollment", "associated_user_id"), !raw.isEmpty {
            guard let u = s.user(IdRef(raw), caller: req.callerUserId) else { throw APIError.notFound }
            associated = u.id
        }
        let spec = StoreState.EnrollmentSpec(
            userId: user.id, courseId: course.id, sectionId: sectionId, type: finalType, roleId: finalRole.id,
            requestedState: requested, associatedUserId: associated,
            limitPrivilegesToCourseSection: p.bool("enrollment", "limit_privileges_to_course_section") ?? false,
            startAt: p.string("enrollment", "start_at").flatMap(Timestamp.init(iso8601:)),
            endAt: p.string("enrollment", "end_at").flatMap(Timestamp.init(iso8601:)),
            selfEnrolled: p.bool("enrollment", "self_enrolled"))
        // Enroll first: evaluating `s.enrollmentJSON` before the mutating argument copies the state.
        let enrolled = try s.enroll(spec)
        return .json(s.enrollmentJSON(enrolled))
    }

    // MARK: list

    enum Scope { case course, selfUser, otherUser }

    static let synthetic: [String: [String]] = [
        "current_and_invited": ["active", "invited"],
        "current_and_future": ["active", "invited", "creation_pending"],
        "current_future_and_restricted": ["active", "invited", "creation_pending", "inactive"],
        "current_and_concluded": ["active", "completed"],
    ]

    static func list(_ req: APIRequest, ids: [Int], scope: Scope, _ s: inout StoreState) throws -> APIResponse {
        let p = req.params
        var states: Set<String>
        if let raw = p.strings("state"), !raw.isEmpty, scope != .selfUser {
            // `enrollment_index_conditions` (`app/controllers/enrollments_api_controller.rb`):
            // `workflow_state IN (state[])` as given, so a state no enrollment has (a typo, or
            // a synthetic one like `current_and_invited`) matches nothing: an empty list.
            states = Set(raw)
        } else if let raw = p.strings("state"), !raw.isEmpty {
            // A user's own enrollments: only known states, the synthetic ones expanded.
            states = []
            for st in raw {
                if Enrollment.states.contains(st) {
                    states.insert(st)
                } else if let expanded = synthetic[st] {
                    states.formUnion(expanded)
                } else {
                    throw APIError.message("Invalid state \(st)")
                }
            }
        } else {
            states = scope == .course ? ["active", "invited", "creation_pending", "inactive"] : ["active", "invited"]
        }
        var roleIds: Set<Int>?
        if let raw = p.strings("role_id"), !raw.isEmpty {
            roleIds = Set(raw.compactMap { Int($0) })
        } else if let names = p.strings("role"), !names.isEmpty {
            var found = Set<Int>()
            for name in names {
                let matching = s.roles.values.filter { $0.isCourseRole && ($0.isBuiltIn ? $0.name : $0.label) == name }
                guard !matching.isEmpty else { throw APIError.message("role not found") }
                found.formUnion(matching.map(\.id))
            }
            roleIds = found
        }
        let types = roleIds == nil ? p.strings("type").map { Set($0.map(typeName)) } : nil
        var userFilter: Int?
        if scope == .course, let raw = p.string("user_id") {
            guard let u = s.user(IdRef(raw), caller: req.callerUserId) else { throw APIError.notFound }
            userFilter = u.id
        }
        let sisUsers = p.strings("sis_user_id").map(Set.init)
        let sisSections = p.strings("sis_section_id").map(Set.init)
        let sisCourses = p.strings("sis_course_id").map(Set.init)

        var rows: [(BookmarkKey, Enrollment)] = []
        for id in ids {
            guard let e = s.enrollments[id], states.contains(e.workflowState) else { continue }
            if let types, !types.contains(e.type) { continue }
            if let roleIds, !roleIds.contains(e.roleId) { continue }
            if let userFilter, e.userId != userFilter { continue }
            if let sisUsers, !(s.primaryLogin(of: e.userId)?.sisUserId.map(sisUsers.contains) ?? false) { continue }
            if let sisSections, !(s.sections[e.courseSectionId]?.sisSectionId.map(sisSections.contains) ?? false) { continue }
            if let sisCourses, !(s.courses[e.courseId]?.sisCourseId.map(sisCourses.contains) ?? false) { continue }
            let sortable = s.users[e.userId]?.sortableName.lowercased() ?? ""
            rows.append((BookmarkKey([.string(e.type), .string(sortable), .int(e.id)]), e))
        }
        // Canvas orders by type, then the user's sortable name.
        rows.sort { $0.0 < $1.0 }
        let (page, link) = req.pagination.bookmarked(rows) { $0.0 }
        return .page(page.map { s.enrollmentJSON($0.1) }, link: link)
    }
}

extension StoreState {
    func enrollmentJSON(_ e: Enrollment) -> JSON {
        let course = courses[e.courseId]
        let section = sections[e.courseSectionId]
        let user = users[e.userId]
        let login = primaryLogin(of: e.userId)
        var m: [(String, JSON)] = [
            ("id", .int(e.id)),
            ("user_id", .int(e.userId)),
            ("course_id", .int(e.courseId)),
            ("type", .string(e.type)),
            ("created_at", .timestamp(e.createdAt)),
            ("updated_at", .timestamp(e.updatedAt)),
            ("associated_user_id", .int(e.associatedUserId)),
            ("start_at", .timestamp(e.startAt)),
            ("end_at", .timestamp(e.endAt)),
            ("course_section_id", .int(e.courseSectionId)),
            ("root_account_id", .int(e.rootAccountId)),
            ("limit_privileges_to_course_section", .bool(e.limitPrivilegesToCourseSection)),
            ("enrollment_state", .string(e.workflowState)),
            ("role", .string(roleName(e.roleId, type: e.type))),
            ("role_id", .int(e.roleId)),
            ("last_activity_at", .null),
            ("last_attended_at", .null),
            ("total_activity_time", .int(0)),
            ("sis_import_id", .int(e.sisImportId)),
        ]
        if let sis = course?.sisCourseId { m.append(("sis_course_id", .string(sis))) }
        if let v = course?.integrationId { m.append(("course_integration_id", .string(v))) }
        if let sis = section?.sisSectionId { m.append(("sis_section_id", .string(sis))) }
        if let v = section?.integrationId { m.append(("section_integration_id", .string(v))) }
        if let course, let sis = accounts[course.accountId]?.sisAccountId { m.append(("sis_account_id", .string(sis))) }
        if let sis = login?.sisUserId { m.append(("sis_user_id", .string(sis))) }
        m.append(("html_url", .string("/courses/\(e.courseId)/users/\(e.userId)")))
        if e.type == "StudentEnrollment" {
            m.append(("grades", .object([
                ("html_url", .string("/courses/\(e.courseId)/grades/\(e.userId)")),
                ("current_grade", .null), ("current_score", .null), ("final_grade", .null), ("final_score", .null),
            ])))
        }
        if let user {
            m.append(("user", .object([
                ("id", .int(user.id)),
                ("name", .string(user.name)),
                ("created_at", .timestamp(user.createdAt)),
                ("sortable_name", .string(user.sortableName)),
                ("short_name", .string(user.shortName)),
                ("sis_user_id", .string(login?.sisUserId)),
                ("integration_id", .string(login?.integrationId)),
                ("login_id", .string(login?.uniqueId)),
            ])))
        }
        return .object(m)
    }
}
