extension CanvasClient {
    /// Active sections of a course.
    public func sections(course: CanvasRef, include: [String] = []) async throws -> [CanvasSection] {
        var query = FormFields()
        query.add("include[]", each: include)
        return try await list("/api/v1/courses/\(segment(course))/sections", query: query)
    }

    /// One section by id or `sis_section_id:X`.
    public func section(_ section: CanvasRef, include: [String] = []) async throws -> CanvasSection {
        var query = FormFields()
        query.add("include[]", each: include)
        return try await get("/api/v1/sections/\(segment(section))", query: query)
    }

    /// Creates a section; with a SIS id, a lost response is settled by reading it back.
    public func createSection(course: CanvasRef, _ params: SectionParams, enableSISReactivation: Bool? = nil)
        async throws -> CanvasSection
    {
        var form = params.form
        form.add("enable_sis_reactivation", enableSISReactivation)
        let readBack = params.sisSectionId.flatMap { $0.isEmpty ? nil : $0 }.map { sisID in
            ReadBack { [self] in
                try await find("/api/v1/sections/\(segment(.sis(.section, sisID)))", as: CanvasSection.self)
            }
        }
        return try await write(
            .post, "/api/v1/courses/\(segment(course))/sections", body: .form(form), readBack: readBack)
    }

    public func updateSection(_ section: CanvasRef, _ params: SectionParams, overrideSISStickiness: Bool? = nil)
        async throws -> CanvasSection
    {
        var form = params.form
        form.add("override_sis_stickiness", overrideSISStickiness)
        return try await send(.put, "/api/v1/sections/\(segment(section))", body: .form(form))
    }

    /// Deletes a section; refused while it still holds enrollments.
    public func deleteSection(_ section: CanvasRef) async throws -> CanvasSection {
        try await send(.delete, "/api/v1/sections/\(segment(section))")
    }
}
