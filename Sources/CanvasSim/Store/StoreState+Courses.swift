/// Course rules: the workflow state machine and its side effects on enrollments, the default
/// section, and "concluded" including the date-driven soft conclusion.
extension StoreState {
    enum CourseEvent: String, Sendable {
        case claim, offer, conclude, delete, undelete
    }

    /// Canvas's default course code: the name's first word plus the first later word that
    /// contains a digit ("Math 101 A" → "Math 101").
    static func defaultCourseCode(for name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        guard let first = words.first else { return name }
        var parts = [String(first)]
        if let numbered = words.dropFirst().first(where: { $0.contains(where: \.isNumber) }) { parts.append(String(numbered)) }
        return parts.joined(separator: " ")
    }

    /// Runs a workflow event. Events that the current state does not allow are silently
    /// ignored, as Canvas's `call_event` does (so `offer` on a deleted course changes nothing).
    mutating func applyCourseEvent(_ event: CourseEvent, to courseId: Int) {
        guard var c = courses[courseId] else { return }
        let now = self.now
        let from = c.workflowState
        let to: String?
        switch (event, from) {
        case (.claim, "created"), (.claim, "available"), (.claim, "completed"): to = "claimed"
        case (.offer, "created"), (.offer, "claimed"), (.offer, "completed"): to = "available"
        case (.conclude, "created"), (.conclude, "claimed"), (.conclude, "available"): to = "completed"
        case (.delete, "created"), (.delete, "claimed"), (.delete, "available"), (.delete, "completed"): to = "deleted"
        case (.undelete, "deleted"): to = "claimed"
        default: to = nil
        }
        guard let to else { return }
        c.workflowState = to
        c.updatedAt = now
        c.deletedAt = to == "deleted" ? now : (to == "claimed" && from == "deleted" ? nil : c.deletedAt)
        put(c)
        // Course#update_enrolled_users and #invite_uninvited_students.
        for id in enrollmentsByCourse[courseId] ?? [] {
            guard var e = enrollments[id] else { continue }
            switch to {
            case "completed" where e.workflowState == "active" || e.workflowState == "invited":
                e.workflowState = "completed"
                e.completedAt = now
            case "deleted" where e.workflowState != "deleted":
                e.workflowState = "deleted"
            case "available" where e.workflowState == "creation_pending":
                e.workflowState = "invited"
            default:
                continue
            }
            e.updatedAt = now
            put(e)
        }
    }

    /// The course's default section, created (named like the course) on first need.
    mutating func defaultSection(of courseId: Int) -> Section {
        let existing = (sectionsByCourse[courseId] ?? []).compactMap { sections[$0] }
        if let s = existing.first(where: { $0.defaultSection && !$0.isDeleted }) { return s }
        let course = courses[courseId]!
        let now = self.now
        let s = Section(
            id: nextId("section"), courseId: courseId, rootAccountId: course.rootAccountId, name: course.name,
            sisSectionId: nil, integrationId: nil, startAt: nil, endAt: nil,
            restrictEnrollmentsToSectionDates: false, defaultSection: true, workflowState: "active",
            nonxlistCourseId: nil, createdAt: now, updatedAt: now)
        put(s)
        return s
    }

    /// The end that concludes enrollments of `type` in the course: the course's own end when it
    /// restricts to course dates, else the term's override for the type, else the term's.
    func effectiveEnd(of course: Course, type: String?) -> Timestamp? {
        if course.restrictEnrollmentsToCourseDates { return course.endAt }
        guard let term = terms[course.termId] else { return nil }
        if let type, let override = term.overrides[type] { return override.endAt }
        return term.endAt
    }

    /// `completed`, or soft-concluded because the effective end has passed.
    func isConcluded(_ course: Course, type: String? = nil) -> Bool {
        if course.workflowState == "completed" { return true }
        if let end = effectiveEnd(of: course, type: type), end < now { return true }
        return false
    }
}
