extension PlanDraft {
    /// How a config course finds its live twin: by the `canvas_id` it maps, or by SIS id.
    enum CourseMatch {
        case mapped(LiveCourse)
        case bySISId(LiveCourse)
        case unmatched
        /// The mapping cannot hold; the plan cannot be made.
        case refused(String)

        /// The live course the later steps (sections, enrollments) work in: none when it is
        /// to be created or revived.
        var twin: LiveCourse? {
            switch self {
            case .mapped(let c), .bySISId(let c): c.isDeleted ? nil : c
            case .unmatched, .refused: nil
            }
        }
    }
    /// Every config course's match, made once before any step plans: sections, enrollments
    /// and removals read it, so no step depends on another having run first.
    static func matchCourses(_ config: Config, _ index: LiveIndex) -> [String: CourseMatch] {
        var matches: [String: CourseMatch] = [:]
        for course in config.courses {
            guard let canvasId = course.canvasId else {
                matches[course.id] = index.coursesBySis[course.id].map(CourseMatch.bySISId) ?? .unmatched
                continue
            }
            guard let mapped = index.coursesByCanvasId[canvasId], !mapped.isDeleted else {
                matches[course.id] = .refused("course '\(course.id)' maps canvas_id \(canvasId), but Canvas has no such course")
                continue
            }
            if let sis = mapped.sisId, sis != course.id {
                matches[course.id] = .refused(
                    "course '\(course.id)' maps canvas_id \(canvasId), but that course already has SIS id '\(sis)': "
                        + "use id '\(sis)' in the config, or clear the SIS id in Canvas")
                continue
            }
            if let holder = index.coursesBySis[course.id], holder.canvasId != canvasId {
                matches[course.id] = .refused(
                    "course '\(course.id)' maps canvas_id \(canvasId), but SIS id '\(course.id)' already belongs to Canvas course \(holder.canvasId)")
                continue
            }
            matches[course.id] = .mapped(mapped)
        }
        return matches
    }
    func planCourses() {
        for course in config.courses {
            let address = "course:\(course.id)"
            let accountRef = course.account ?? config.canvas.account
            guard let accountId = accountCanvasId(accountRef) else {
                problems.append("course '\(course.id)': Canvas has no account '\(accountRef)'")
                continue
            }
            let termId: String? = course.term.flatMap { liveTerms[$0.id]?.canvasId }
            let liveTwin: LiveCourse?
            switch courseMatches[course.id] {
            case .mapped(let mapped): liveTwin = mapped
            case .bySISId(let bySis): liveTwin = bySis
            case .unmatched, nil: liveTwin = nil
            case .refused(let problem):
                problems.append(problem)
                continue
            }
            let action: PlanOperation.Action = course.canvasId != nil && liveTwin?.sisId == nil ? .adopt : .update
            let desiredTerm: PlanValue = course.term.map { .string($0.id) } ?? .null
            guard let twin = liveTwin, !twin.isDeleted else {
                var op = PlanOperation(address: address, action: .create, kind: .course, id: course.id)
                var after: [CourseAttribute: PlanValue] = [
                    .name: .string(course.name), .code: .string(course.code), .term: desiredTerm, .account: .string(accountRef),
                ]
                if let published = course.published { after[.published] = .bool(published) }
                if course.start != nil || course.end != nil {
                    after[.start] = PlanValue(course.start)
                    after[.end] = PlanValue(course.end)
                }
                op.after = PlanValues(after)
                if liveTwin?.isDeleted == true {
                    op.revive = true
                    op.canvasId = liveTwin?.canvasId
                    op.reason = "a deleted course still holds this SIS id: it is revived"
                    op.expect = PlanValues([CourseAttribute.state: .string("deleted")])
                } else {
                    op.expect = PlanValues([CourseAttribute.exists: .bool(false)])
                }
                if let term = course.term, let termOp = creating("term:\(term.id)") { op.dependsOn.append(termOp) }
                add(op)
                continue
            }
            var pairs: [(CourseAttribute, PlanValue, PlanValue)] = [
                (.name, .string(twin.name), .string(course.name)),
                (.code, .string(twin.code), .string(course.code)),
                (.account, accountLabel(canvasId: twin.accountCanvasId), twin.accountCanvasId == accountId ? accountLabel(canvasId: twin.accountCanvasId) : .string(accountRef)),
            ]
            if course.term != nil {  // no term in the config: easel leaves the course's term alone
                let liveTerm = termLabel(canvasId: twin.termCanvasId)
                pairs.append((.term, liveTerm, twin.termCanvasId != nil && twin.termCanvasId == termId ? liveTerm : desiredTerm))
            }
            if let published = course.published {
                let isPublished = twin.workflowState == "available"
                // A concluded course is re-opened by publishing it; unpublishing one is left to people.
                if published != isPublished, !(twin.workflowState == "completed" && !published) {
                    pairs.append((.published, .bool(isPublished), .bool(published)))
                }
            }
            if course.start != nil || course.end != nil {
                let liveStart = twin.restrictToDates ? PlanValue(twin.start) : .null
                let liveEnd = twin.restrictToDates ? PlanValue(twin.end) : .null
                pairs.append((.start, liveStart, PlanValue(course.start)))
                pairs.append((.end, liveEnd, PlanValue(course.end)))
            }
            if action == .adopt { pairs.insert((.sisId, .null, .string(course.id)), at: 0) }
            guard let (before, after) = PlanOperation.diff(pairs) else { continue }
            var op = PlanOperation(address: address, action: action, kind: .course, id: course.id)
            op.canvasId = twin.canvasId
            (op.before, op.after, op.expect) = (before, after, before)
            if action == .adopt { op.reason = "an existing course without a SIS id is adopted by its canvas_id" }
            if let term = course.term, after[CourseAttribute.term] != nil, let termOp = creating("term:\(term.id)") {
                op.dependsOn.append(termOp)
            }
            add(op)
        }
    }
    /// With prune_courses: courses with a SIS id in a declared term that the config lacks are concluded.
    func planPrune() {
        guard config.policy.pruneCourses else { return }
        let declared = Set(config.courses.map(\.id))
        let mapped = Set(config.courses.compactMap(\.canvasId))
        let termIds = Set(config.terms.compactMap { liveTerms[$0.id]?.canvasId })
        for course in live.courses.sorted(by: { ($0.sisId ?? "") < ($1.sisId ?? "") }) {
            guard let sis = course.sisId, !declared.contains(sis), !mapped.contains(course.canvasId),
                let term = course.termCanvasId, termIds.contains(term),
                course.workflowState != "completed", course.workflowState != "deleted"
            else { continue }
            var op = PlanOperation(address: "course:\(sis)", action: .conclude, kind: .course, id: sis)
            op.canvasId = course.canvasId
            op.before = PlanValues([CourseAttribute.state: .string(course.workflowState)])
            op.expect = op.before
            op.reason = "not in the config, and prune_courses is on"
            add(op)
        }
    }
}
