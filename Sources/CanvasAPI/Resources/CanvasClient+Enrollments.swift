/// Where enrollments are listed.
public enum EnrollmentScope: Sendable, Equatable {
    case course(CanvasRef)
    case section(CanvasRef)
    case user(CanvasRef)

    func path(on client: CanvasClient) -> String {
        switch self {
        case .course(let ref): "/api/v1/courses/\(client.segment(ref))/enrollments"
        case .section(let ref): "/api/v1/sections/\(client.segment(ref))/enrollments"
        case .user(let ref): "/api/v1/users/\(client.segment(ref))/enrollments"
        }
    }
}

/// Where an enrollment is created.
public enum EnrollmentTarget: Sendable, Equatable {
    case course(CanvasRef)
    /// The section's course; `NewEnrollment.section` is then ignored.
    case section(CanvasRef)

    var scope: EnrollmentScope {
        switch self {
        case .course(let ref): .course(ref)
        case .section(let ref): .section(ref)
        }
    }
}

extension CanvasClient {
    /// Enrollments in `scope`, in every state unless `query.states` narrows it.
    public func enrollments(_ scope: EnrollmentScope, _ query: EnrollmentListQuery = EnrollmentListQuery())
        async throws -> [CanvasEnrollment]
    {
        try await list(scope.path(on: self), query: form(query))
    }

    /// The same listing, page by page.
    public func enrollmentPages(_ scope: EnrollmentScope, _ query: EnrollmentListQuery = EnrollmentListQuery())
        -> CanvasPages<CanvasEnrollment>
    {
        pages(scope.path(on: self), query: form(query))
    }

    /// Enrolls a user. A lost response is settled by looking the enrollment up by its key
    /// (course or section, user, type or role); Canvas's own find-or-revive rule keeps a
    /// re-sent post from duplicating it anyway (`app/controllers/enrollments_api_controller.rb`).
    public func createEnrollment(in target: EnrollmentTarget, _ enrollment: NewEnrollment) async throws
        -> CanvasEnrollment
    {
        let readBack = ReadBack { [self] in try await findEnrollment(in: target, matching: enrollment) }
        return try await write(
            .post, target.scope.path(on: self), body: .form(enrollment.form(parameter)), readBack: readBack)
    }

    /// Concludes, deletes or deactivates an enrollment; `task` is always sent, since
    /// Canvas concludes when it is missing.
    public func removeEnrollment(course: CanvasRef, id: CanvasID, task: EnrollmentRemoval) async throws
        -> CanvasEnrollment
    {
        var query = FormFields()
        query.add("task", task.rawValue)
        return try await send(.delete, "/api/v1/courses/\(segment(course))/enrollments/\(segment(.id(id)))", query: query)
    }

    /// Reactivates an `inactive` enrollment. When a retried attempt finds it already
    /// active ("enrollment not inactive"), the enrollment is read and returned if active.
    public func reactivateEnrollment(course: CanvasRef, id: CanvasID) async throws -> CanvasEnrollment {
        let path = "/api/v1/courses/\(segment(course))/enrollments/\(segment(.id(id)))/reactivate"
        do {
            return try await send(.put, path)
        } catch let error as CanvasError where error.kind == .validation && error.message.contains("not inactive") {
            let active = try await enrollments(.course(course), EnrollmentListQuery(states: [.active]))
                .first { $0.id == id }
            guard let active else { throw error }
            return active
        }
    }

    private func form(_ query: EnrollmentListQuery) -> FormFields {
        var form = FormFields()
        form.add("type[]", each: query.types.map(\.rawValue))
        form.add("role[]", each: query.roles)
        form.add("state[]", each: query.states.map(\.rawValue))
        form.add("user_id", query.user.map(parameter))
        form.add("include[]", each: query.include)
        return form
    }

    /// The enrollment a lost create may have made, or nil to send it again.
    ///
    /// Matches type, role and (when known) section and observee. Without a section the
    /// course's default section is meant, whose id the API does not expose: then only a
    /// single candidate counts, and anything ambiguous is re-sent (Canvas reuses its row).
    private func findEnrollment(in target: EnrollmentTarget, matching wanted: NewEnrollment) async throws
        -> CanvasEnrollment?
    {
        let acceptable: Set<String> =
            wanted.state.map { [$0.rawValue] } ?? ["active", "invited", "creation_pending"]
        var query = EnrollmentListQuery(types: [wanted.type])
        query.user = wanted.user
        let sectionRef: CanvasRef? =
            switch target {
            case .section(let ref): ref
            case .course: wanted.section
            }
        let sectionID: CanvasID?
        switch sectionRef {
        case .id(let id)?: sectionID = id
        case let ref?: sectionID = try await section(ref).id
        case nil: sectionID = nil
        }
        let candidates = try await enrollments(target.scope, query).filter { found in
            found.type == wanted.type.rawValue
                && acceptable.contains(found.enrollmentState ?? "")
                && (wanted.roleId.map { $0 == found.roleId } ?? (found.role == nil || found.role == wanted.type.rawValue))
                && (sectionID.map { $0 == found.courseSectionId } ?? true)
                && (wanted.associatedUser.flatMap { if case .id(let id) = $0 { id } else { nil } }
                    .map { $0 == found.associatedUserId } ?? true)
        }
        return sectionID == nil && candidates.count > 1 ? nil : candidates.first
    }
}
