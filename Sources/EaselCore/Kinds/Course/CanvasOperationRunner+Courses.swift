import CanvasAPI
import Foundation

extension CanvasOperationRunner {
    func runCourse(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        switch op.action {
        case .create: return try await createCourse(op)
        case .update, .adopt: return try await updateCourse(op, resolved)
        case .conclude, .delete:
            // Prune: `DELETE /courses/:id?event=conclude` (the API requires the event).
            try await client.deleteCourse(ownRef(op, resolved, .course), event: op.action == .delete ? .delete : .conclude)
            return OperationOutcome(canvasId: op.canvasId)
        default:
            throw OperationRunError.unsupported(op)
        }
    }

    /// `POST /accounts/:account/courses` with `enable_sis_reactivation=true` always: harmless
    /// when nothing is deleted, and it revives a deleted course that still holds the SIS id.
    /// A revived course comes back unpublished with its old attributes, so whatever the
    /// response shows still differing is set by one follow-up `PUT`.
    private func createCourse(_ op: PlanOperation) async throws -> OperationOutcome {
        let accountRef = CanvasRef(op.afterString(CourseAttribute.account) ?? account.description)
        var params = CourseParams(
            name: op.afterString(CourseAttribute.name), courseCode: op.afterString(CourseAttribute.code),
            term: op.afterString(CourseAttribute.term).map { .sis(.term, $0) }, sisCourseId: op.id)
        if op.sets(CourseAttribute.start) || op.sets(CourseAttribute.end) {
            // Canvas drops course dates unless this same request restricts enrollments to them.
            params.startAt = try op.createDate(CourseAttribute.start)
            params.endAt = try op.createDate(CourseAttribute.end)
            params.restrictEnrollmentsToCourseDates = true
        }
        if op.revive == true { params.account = accountRef }
        let published = op.afterBool(CourseAttribute.published)
        let course = try await creating(op, sisId: op.id, holder: { [client] in
            try await client.course(.sis(.course, op.id), includeDeleted: true).id
        }) {
            try await client.createCourse(
                account: accountRef, params, offer: published == true ? true : nil, enableSISReactivation: true)
        }
        guard course.sisCourseId == op.id else { throw OperationRunError.sisIdDropped(op, canvasId: course.id.rawValue) }

        var fix = CourseParams()
        if let name = params.name, course.name != name { fix.name = name }
        if let code = params.courseCode, course.courseCode != code { fix.courseCode = code }
        if op.revive == true { fix.term = params.term }
        if params.restrictEnrollmentsToCourseDates == true,
            course.restrictEnrollmentsToCourseDates != true || !same(course.startAt, params.startAt)
                || !same(course.endAt, params.endAt)
        {
            (fix.startAt, fix.endAt) = (params.startAt ?? .some(nil), params.endAt ?? .some(nil))
            fix.restrictEnrollmentsToCourseDates = true
        }
        if published == true, course.workflowState != "available" { fix.event = .offer }
        if published == false, course.workflowState == "available" { fix.event = .claim }
        guard fix != CourseParams() else { return OperationOutcome(canvasId: course.id.rawValue) }
        _ = try await client.updateCourse(.id(course.id), fix)
        let note = op.revive == true ? "revived the deleted course and set its attributes" : "set what the create did not"
        return OperationOutcome(canvasId: course.id.rawValue, notes: [note])
    }

    /// `PUT /courses/:id` with only the changed attributes; `published` becomes
    /// `course[event]=offer` or `claim`; an adopt also sets the SIS id.
    private func updateCourse(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        let ref = ownRef(op, resolved, .course)
        var params = CourseParams(name: op.afterString(CourseAttribute.name), courseCode: op.afterString(CourseAttribute.code))
        params.term = op.afterString(CourseAttribute.term).map { .sis(.term, $0) }
        params.account = op.afterString(CourseAttribute.account).map(CanvasRef.init)
        if op.action == .adopt || op.sets(CourseAttribute.sisId) { params.sisCourseId = op.afterString(CourseAttribute.sisId) ?? op.id }
        if op.sets(CourseAttribute.start) || op.sets(CourseAttribute.end) {
            (params.startAt, params.endAt) = try await datesToSend(op) { [client] in
                let course = try await client.course(ref)
                return course.restrictEnrollmentsToCourseDates ?? false
            }
            params.restrictEnrollmentsToCourseDates = true
        }
        switch op.afterBool(CourseAttribute.published) {
        case true?: params.event = .offer
        case false?: params.event = .claim
        case nil: break
        }
        let course = try await creating(op, sisId: op.id, holder: { [client] in
            try await client.course(.sis(.course, op.id), includeDeleted: true).id
        }) {
            try await client.updateCourse(ref, params)
        }
        if params.sisCourseId != nil, course.sisCourseId != params.sisCourseId {
            throw OperationRunError.sisIdDropped(op, canvasId: course.id.rawValue)
        }
        return OperationOutcome(canvasId: course.id.rawValue)
    }

    /// Start and end to send when dates change. The plan lists only the side that differs;
    /// when the object did not restrict enrollments to its dates yet, its stored other side
    /// (which the plan read as none) would start to count, so it is cleared.
    func datesToSend(_ op: PlanOperation, restricted: @Sendable () async throws -> Bool) async throws -> (Date??, Date??) {
        var start = try op.afterDate(CourseAttribute.start)
        var end = try op.afterDate(CourseAttribute.end)
        if start == nil || end == nil, try await !restricted() {
            start = start ?? .some(nil)
            end = end ?? .some(nil)
        }
        return (start, end)
    }

    private func same(_ live: Date?, _ sent: Date??) -> Bool {
        let seconds = { (date: Date) in Int64(date.timeIntervalSince1970.rounded()) }
        return live.map(seconds) == (sent ?? nil).map(seconds)
    }
}
