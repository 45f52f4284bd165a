/// Enrollment rules: Canvas's `Course#enroll_user` as the API calls it.
extension StoreState {
    /// What a client asked to enroll, with every reference already resolved.
    struct EnrollmentSpec: Sendable {
        var userId: Int
        var courseId: Int
        /// nil: the course's default section.
        var sectionId: Int?
        var type: String
        var roleId: Int
        /// nil: Canvas's default for the course and type.
        var requestedState: String?
        var associatedUserId: Int?
        var limitPrivilegesToCourseSection = false
        var startAt: Timestamp?
        var endAt: Timestamp?
        var selfEnrolled: Bool?
    }

    /// The state an enrollment gets when the request names none (or names one the course
    /// does not allow): `invited` in a published course; in an unpublished one
    /// `creation_pending` for students and observers and `invited` for staff; `active` for an
    /// observer whose user has registered.
    func initialState(_ spec: EnrollmentSpec, course: Course) -> String {
        let published = course.workflowState == "available"
        var state = spec.requestedState ?? (published ? "invited" : "creation_pending")
        let staff = ["TeacherEnrollment", "TaEnrollment", "DesignerEnrollment"].contains(spec.type)
        if staff && state == "creation_pending" { state = "invited" }
        if !staff && state == "invited" && !published { state = "creation_pending" }
        if spec.requestedState == nil && spec.type == "ObserverEnrollment" && users[spec.userId]?.workflowState == "registered" {
            state = "active"
        }
        return state
    }

    /// Enrolls, or revives the row at the same key: (user, type, role, associated user,
    /// section), over all rows including deleted ones. An active row keeps its state; any
    /// other row moves to the requested (or default) state. Either way the per-request
    /// attributes are overwritten with what was sent, cleared when not sent.
    mutating func enroll(_ spec: EnrollmentSpec) throws -> Enrollment {
        guard let course = courses[spec.courseId], !course.isDeleted else { throw APIError.notFound }
        if let sid = spec.sectionId {
            guard let sec = sections[sid], sec.courseId == course.id, !sec.isDeleted else { throw APIError.notFound }
        }
        let now = self.now
        if isConcluded(course, type: spec.type) {
            // A user already in the course may still join a section whose own dates are open.
            let existing = (enrollmentsByUser[spec.userId] ?? []).contains {
                enrollments[$0].map { $0.courseId == course.id && $0.workflowState != "deleted" } ?? false
            }
            let openSection = spec.sectionId.flatMap { sections[$0] }.map {
                $0.restrictEnrollmentsToSectionDates && ($0.endAt.map { $0 > now } ?? true)
            } ?? false
            if !(existing && openSection) { throw APIError.message("Can't add an enrollment to a concluded course.") }
        }
        let sectionId = spec.sectionId ?? defaultSection(of: course.id).id
        let state = initialState(spec, course: course)

        let match = existingEnrollment(
            userId: spec.userId, sectionId: sectionId, type: spec.type, roleId: spec.roleId, associatedUserId: spec.associatedUserId)
        var e: Enrollment
        if var existing = match {
            if existing.workflowState != "active" && existing.workflowState != state {
                existing.workflowState = state
                existing.completedAt = nil
            }
            e = existing
        } else {
            e = Enrollment(
                id: nextId("enrollment"), userId: spec.userId, courseId: course.id, courseSectionId: sectionId,
                rootAccountId: course.rootAccountId, type: spec.type, roleId: spec.roleId, workflowState: state,
                associatedUserId: spec.associatedUserId, limitPrivilegesToCourseSection: false, startAt: nil, endAt: nil,
                selfEnrolled: nil, createdAt: now, updatedAt: now, completedAt: nil)
        }
        e.limitPrivilegesToCourseSection = spec.limitPrivilegesToCourseSection
        e.associatedUserId = spec.associatedUserId
        e.selfEnrolled = spec.selfEnrolled
        e.startAt = spec.startAt
        e.endAt = spec.endAt
        e.updatedAt = now
        put(e)
        return e
    }

    /// The row at an enrollment's reuse key — (user, section, type, role, associated user) —
    /// among all rows, deleted ones included. The API's re-POST and SIS imports both reuse it.
    func existingEnrollment(userId: Int, sectionId: Int, type: String, roleId: Int, associatedUserId: Int?) -> Enrollment? {
        (enrollmentsByUser[userId] ?? []).compactMap { enrollments[$0] }.first {
            $0.courseSectionId == sectionId && $0.type == type && $0.roleId == roleId && $0.associatedUserId == associatedUserId
        }
    }

    enum EnrollmentTask: String {
        case conclude, delete, inactivate, deactivate
    }

    /// `DELETE …/enrollments/:id?task=`.
    mutating func withdraw(_ enrollmentId: Int, task: EnrollmentTask) -> Enrollment {
        var e = enrollments[enrollmentId]!
        switch task {
        case .conclude:
            e.workflowState = "completed"
            e.completedAt = now
        case .delete:
            e.workflowState = "deleted"
        case .inactivate, .deactivate:
            e.workflowState = "inactive"
        }
        e.updatedAt = now
        put(e)
        return e
    }
}
