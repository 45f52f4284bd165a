/// Sections of a course, and `/sections/:id`.
enum SectionRoutes {
    static func register(_ t: inout RouteTable) {
        t.add("GET", "/api/v1/courses/:course_id/sections") { req, s in
            guard let course = s.course(req.ref("course_id")) else { throw APIError.notFound }
            var secs = (s.sectionsByCourse[course.id] ?? []).compactMap { s.sections[$0] }.filter { !$0.isDeleted }
            if let term = req.params.string("search_term") {
                guard term.count >= 2 else {
                    throw APIError(status: 400, body: .object([
                        ("status", .string("argument_error")), ("message", .string("search_term of 2 or more characters is required")),
                    ]))
                }
                secs = secs.filter { $0.name.lowercased().contains(term.lowercased()) }
            }
            secs.sort { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            let includes = req.includes()
            let (page, link) = req.pagination.ordinal(secs, countTotal: true)
            return .page(page.map { s.sectionJSON($0, includes: includes) }, link: link)
        }

        t.add("GET", "/api/v1/courses/:course_id/sections/:id") { req, s in
            guard let course = s.course(req.ref("course_id")), let sec = s.section(req.ref("id")), sec.courseId == course.id else {
                throw APIError.notFound
            }
            return .json(s.sectionJSON(sec, includes: req.includes()))
        }

        t.add("GET", "/api/v1/sections/:id") { req, s in
            guard let sec = s.section(req.ref("id")) else { throw APIError.notFound }
            return .json(s.sectionJSON(sec, includes: req.includes()))
        }

        t.add("POST", "/api/v1/courses/:course_id/sections") { req, s in
            guard let course = s.course(req.ref("course_id")) else { throw APIError.notFound }
            let p = req.params
            let sis = p.string("course_section", "sis_section_id").flatMap { $0.isEmpty ? nil : $0 }
            let now = s.now
            var sec: Section
            if let sis, let ownerId = s.sectionBySIS[sis], let owner = s.sections[ownerId] {
                // Reactivation revives a deleted section of this same course only.
                guard owner.isDeleted, owner.courseId == course.id, p.bool("enable_sis_reactivation") == true else {
                    throw APIError.sisTaken(sis)
                }
                sec = owner
                sec.workflowState = "active"
            } else {
                sec = Section(
                    id: 0, courseId: course.id, rootAccountId: course.rootAccountId, name: course.name, sisSectionId: sis,
                    integrationId: nil, startAt: nil, endAt: nil, restrictEnrollmentsToSectionDates: false,
                    defaultSection: false, workflowState: "active", nonxlistCourseId: nil, createdAt: now, updatedAt: now)
            }
            try apply(p, to: &sec, in: s)
            if sec.id == 0 { sec.id = s.nextId("section") }
            sec.updatedAt = now
            s.put(sec)
            return .json(s.sectionJSON(sec, includes: []))
        }

        t.add("PUT", "/api/v1/sections/:id") { req, s in
            guard var sec = s.section(req.ref("id")) else { throw APIError.notFound }
            let p = req.params
            if let v = p.optionalString("course_section", "sis_section_id") {
                let sis = v.flatMap { $0.isEmpty ? nil : $0 }
                if let sis, let owner = s.sectionBySIS[sis], owner != sec.id { throw APIError.sisTaken(sis) }
                sec.sisSectionId = sis
            }
            try apply(p, to: &sec, in: s)
            sec.updatedAt = s.now
            s.put(sec)
            return .json(s.sectionJSON(sec, includes: []))
        }

        t.add("DELETE", "/api/v1/sections/:id") { req, s in
            guard var sec = s.section(req.ref("id")) else { throw APIError.notFound }
            let holds = (s.enrollmentsBySection[sec.id] ?? []).contains { s.enrollments[$0]?.workflowState != "deleted" }
            if holds { throw APIError.message("You can't delete a section that has enrollments") }
            sec.workflowState = "deleted"
            sec.updatedAt = s.now
            s.put(sec)
            return .json(s.sectionJSON(sec, includes: []))
        }
    }

    static func apply(_ p: Params, to sec: inout Section, in s: StoreState) throws {
        if let name = p.string("course_section", "name"), !name.trimmingWhitespace().isEmpty { sec.name = name }
        if let v = p.optionalString("course_section", "integration_id") { sec.integrationId = v.flatMap { $0.isEmpty ? nil : $0 } }
        if let v = p.optionalString("course_section", "start_at") { sec.startAt = v.flatMap(Timestamp.init(iso8601:)) }
        if let v = p.optionalString("course_section", "end_at") { sec.endAt = v.flatMap(Timestamp.init(iso8601:)) }
        if let v = p.bool("course_section", "restrict_enrollments_to_section_dates") { sec.restrictEnrollmentsToSectionDates = v }
        if let start = sec.startAt, let end = sec.endAt, end < start {
            throw APIError.invalid("end_at", type: "end_at_after_start_at", message: "End date cannot be before start date")
        }
    }
}

extension StoreState {
    func sectionJSON(_ sec: Section, includes: Set<String>) -> JSON {
        var m: [(String, JSON)] = [
            ("id", .int(sec.id)),
            ("course_id", .int(sec.courseId)),
            ("name", .string(sec.name)),
            ("start_at", .timestamp(sec.startAt)),
            ("end_at", .timestamp(sec.endAt)),
            ("created_at", .timestamp(sec.createdAt)),
            ("restrict_enrollments_to_section_dates", .bool(sec.restrictEnrollmentsToSectionDates)),
            ("nonxlist_course_id", .int(sec.nonxlistCourseId)),
            ("sis_section_id", .string(sec.sisSectionId)),
            ("sis_course_id", .string(courses[sec.courseId]?.sisCourseId)),
            ("integration_id", .string(sec.integrationId)),
            ("sis_import_id", .int(sec.sisImportId)),
        ]
        if includes.contains("total_students") {
            let students = Set((enrollmentsBySection[sec.id] ?? []).compactMap { enrollments[$0] }
                .filter { $0.type == "StudentEnrollment" && ($0.workflowState == "active" || $0.workflowState == "invited") }
                .map(\.userId))
            m.append(("total_students", .int(students.count)))
        }
        return .object(m)
    }
}
