/// What `DELETE /courses/:id` does.
public enum CourseRemoval: String, Sendable {
    case delete, conclude
}

extension CanvasClient {
    /// Courses of an account and its sub-accounts.
    public func courses(account: CanvasRef, _ query: CourseListQuery = CourseListQuery()) async throws
        -> [CanvasCourse]
    {
        try await list("/api/v1/accounts/\(segment(account))/courses", query: form(query))
    }

    /// The same listing, page by page.
    public func coursePages(account: CanvasRef, _ query: CourseListQuery = CourseListQuery())
        -> CanvasPages<CanvasCourse>
    {
        pages("/api/v1/accounts/\(segment(account))/courses", query: form(query))
    }

    /// One course by id or `sis_course_id:X`. `includeDeleted` adds `include[]=all_courses`,
    /// without which a deleted course is 404.
    public func course(_ course: CanvasRef, include: [String] = [], includeDeleted: Bool = false) async throws
        -> CanvasCourse
    {
        var query = FormFields()
        query.add("include[]", each: include + (includeDeleted ? ["all_courses"] : []))
        return try await get("/api/v1/courses/\(segment(course))", query: query)
    }

    /// Creates a course in `account`; with a SIS id, a lost response is settled by reading
    /// the course back (deleted courses excluded, so a tombstone never passes for ours).
    public func createCourse(
        account: CanvasRef, _ params: CourseParams, offer: Bool? = nil, enableSISReactivation: Bool? = nil
    ) async throws -> CanvasCourse {
        var form = params.form(parameter)
        form.add("offer", offer)
        form.add("enable_sis_reactivation", enableSISReactivation)
        let readBack = params.sisCourseId.flatMap { $0.isEmpty ? nil : $0 }.map { sisID in
            ReadBack { [self] in
                try await find("/api/v1/courses/\(segment(.sis(.course, sisID)))", as: CanvasCourse.self)
            }
        }
        return try await write(
            .post, "/api/v1/accounts/\(segment(account))/courses", body: .form(form), readBack: readBack)
    }

    /// Updates a course; `params.event` publishes, unpublishes, concludes, deletes or undeletes.
    public func updateCourse(_ course: CanvasRef, _ params: CourseParams, overrideSISStickiness: Bool? = nil)
        async throws -> CanvasCourse
    {
        var form = params.form(parameter)
        form.add("override_sis_stickiness", overrideSISStickiness)
        return try await send(.put, "/api/v1/courses/\(segment(course))", body: .form(form))
    }

    /// Deletes or concludes a course (`event` is required by the API).
    public func deleteCourse(_ course: CanvasRef, event: CourseRemoval) async throws {
        var query = FormFields()
        query.add("event", event.rawValue)
        _ = try await send(.delete, "/api/v1/courses/\(segment(course))", query: query)
    }

    private func form(_ query: CourseListQuery) -> FormFields {
        var form = FormFields()
        form.add("enrollment_term_id", query.term.map(parameter))
        form.add("state[]", each: query.states.map(\.rawValue))
        form.add("include[]", each: query.include)
        form.add("search_term", query.searchTerm)
        form.add("with_enrollments", query.withEnrollments)
        form.add("published", query.published)
        return form
    }
}
