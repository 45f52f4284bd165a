import CanvasAPI

extension CanvasLiveReader {
    /// A course in scope; `managed` ones (declared or mapped) get their sections and
    /// enrollments read, the others are there for `prune_courses` only.
    struct ScopedCourse: Sendable {
        var course: LiveCourse
        var managed: Bool
    }

    /// Every raw state, deleted included: a deleted course still holds its SIS id.
    static let everyCourseState: [CourseListState] = [.created, .claimed, .available, .completed, .deleted]

    /// The account's course listing per declared term, then one GET for each declared course
    /// it did not show (no term, another term, another account) and each mapped Canvas id.
    func readCourses(_ scope: PlanScope, account: CanvasRef, terms: [LiveTerm], _ tracker: ReadTracker) async throws
        -> [ScopedCourse]
    {
        let termIds = Set(scope.termIds)
        let listedTerms = terms.filter { $0.workflowState != "deleted" && $0.sisId.map(termIds.contains) == true }
        let listed = try await listedTerms.concurrentMap(width: width) { [client] term in
            let query = CourseListQuery(term: .id(CanvasID(term.canvasId)), states: Self.everyCourseState)
            let courses = try await client.courses(account: account, query)
            tracker.read(courses.count)
            return courses
        }.flatMap { $0 }

        let courses = listed.map(LiveCourse.init)
        let fetched = try await lookUpCourses(Self.missing(from: courses, scope), tracker)
        return Self.scoped(courses + fetched.map(LiveCourse.init), scope)
    }

    /// The declared courses and mapped Canvas ids that `found` lacks: in no declared term, in
    /// another account, or (on the report path) deleted long ago without a SIS id.
    static func missing(from found: [LiveCourse], _ scope: PlanScope) -> [CanvasRef] {
        let foundSis = Set(found.compactMap(\.sisId))
        let foundIds = Set(found.map(\.canvasId))
        return scope.courseIds.filter { !foundSis.contains($0) }.map { .sis(.course, $0) }
            + scope.mappedCanvasIds.filter { !foundIds.contains($0) }.map { .id(CanvasID($0)) }
    }

    /// Courses by SIS id or Canvas id, one GET each, deleted ones included; absent ones are left out.
    func lookUpCourses(_ refs: [CanvasRef], _ tracker: ReadTracker) async throws -> [CanvasCourse] {
        try await refs.concurrentMap(width: width) { [client] ref -> CanvasCourse? in
            do {
                let course = try await client.course(ref, includeDeleted: true)
                tracker.read(1)
                return course
            } catch let error as CanvasError where error.kind == .notFound {
                return nil
            }
        }.compactMap { $0 }
    }

    /// The courses in scope, once each: declared and mapped ones are managed; with
    /// prune_courses, every other course with a SIS id (in a declared term) is in scope too.
    static func scoped(_ courses: [LiveCourse], _ scope: PlanScope) -> [ScopedCourse] {
        let declared = Set(scope.courseIds)
        let mapped = Set(scope.mappedCanvasIds)
        var seen = Set<String>()
        var result: [ScopedCourse] = []
        for course in courses where seen.insert(course.canvasId).inserted {
            let managed = course.sisId.map(declared.contains) == true || mapped.contains(course.canvasId)
            guard managed || (scope.pruneTerms && course.sisId != nil) else { continue }
            result.append(ScopedCourse(course: course, managed: managed))
        }
        return result
    }

    /// A course's sections and its enrollments in every state (Canvas's default hides
    /// completed, rejected and deleted ones, which the planner revives rather than re-creates).
    func readRoster(_ course: LiveCourse, _ tracker: ReadTracker) async throws -> LiveCourse {
        let ref = CanvasRef.id(CanvasID(course.canvasId))
        async let sections = client.sections(course: ref)
        async let enrollments = client.enrollments(.course(ref), EnrollmentListQuery(states: EnrollmentState.allCases))
        var course = course
        course.sections = try await sections.map(LiveSection.init)
        course.enrollments = try await enrollments.compactMap(LiveEnrollment.init)
        tracker.read(course.sections.count + course.enrollments.count, roster: true)
        return course
    }
}
