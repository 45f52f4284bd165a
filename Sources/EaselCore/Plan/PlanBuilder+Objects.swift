extension PlanBuilder {
    func planTerms() {
        if !live.account.isRoot, !config.terms.isEmpty {
            problems.append(
                "terms belong to the root account, but canvas.account '\(config.canvas.account)' is a sub-account: "
                    + "set canvas.account to the root account and give courses their sub-account with 'account'")
            return
        }
        for term in config.terms {
            let address = "term:\(term.id)"
            guard let liveTerm = liveTerms[term.id] else {
                var op = PlanOperation(address: address, action: .create, kind: .term, id: term.id)
                op.after = PlanValues([TermAttribute.name: .string(term.name), .start: PlanValue(term.start), .end: PlanValue(term.end)])
                op.expect = PlanValues([TermAttribute.exists: .bool(false)])
                add(op)
                continue
            }
            if liveTerm.isDeleted {
                problems.append(
                    "term '\(term.id)' was deleted in Canvas but still holds its SIS id, and Canvas has no API to revive a term: "
                        + "restore it in Canvas (or through a SIS import with status active), or give the term a new id")
                continue
            }
            guard let (before, after) = PlanOperation.diff([
                (TermAttribute.name, .string(liveTerm.name), .string(term.name)),
                (.start, PlanValue(liveTerm.start), term.start.map { PlanValue($0) } ?? PlanValue(liveTerm.start)),
                (.end, PlanValue(liveTerm.end), term.end.map { PlanValue($0) } ?? PlanValue(liveTerm.end)),
            ]) else { continue }
            var op = PlanOperation(address: address, action: .update, kind: .term, id: term.id)
            op.canvasId = liveTerm.canvasId
            (op.before, op.after, op.expect) = (before, after, before)
            add(op)
        }
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

    func planSections() {
        for course in config.courses {
            let twin = liveCourse[course.id]
            for section in course.sections {
                let address = "section:\(section.id)"
                if let live = twin?.sections.first(where: { $0.sisId == section.id }) {
                    var pairs: [(SectionAttribute, PlanValue, PlanValue)] = [(.name, .string(live.name), .string(section.name))]
                    if section.start != nil || section.end != nil {
                        pairs.append((.start, PlanValue(live.start), PlanValue(section.start)))
                        pairs.append((.end, PlanValue(live.end), PlanValue(section.end)))
                    }
                    guard let (before, after) = PlanOperation.diff(pairs) else { continue }
                    var op = PlanOperation(address: address, action: .update, kind: .section, id: section.id)
                    op.canvasId = live.canvasId
                    op.course = course.id
                    op.courseCanvasId = twin?.canvasId
                    (op.before, op.after, op.expect) = (before, after, before)
                    add(op)
                } else {
                    var op = PlanOperation(address: address, action: .create, kind: .section, id: section.id)
                    op.course = course.id
                    op.courseCanvasId = twin?.canvasId
                    var after: [SectionAttribute: PlanValue] = [.name: .string(section.name), .course: .string(course.id)]
                    if section.start != nil || section.end != nil {
                        after[.start] = PlanValue(section.start)
                        after[.end] = PlanValue(section.end)
                    }
                    op.after = PlanValues(after)
                    op.expect = PlanValues([SectionAttribute.exists: .bool(false)])
                    if let courseOp = creating("course:\(course.id)") { op.dependsOn.append(courseOp) }
                    add(op)
                }
            }
        }
    }

    func planUsers() {
        for user in config.users {
            guard let key = user.key(userKey) else { continue }
            let address = "user:\(key)"
            let twin = liveUsers[configKey(key)]
            guard let twin, !twin.isDeleted else {
                var op = PlanOperation(address: address, action: .create, kind: .user, id: key)
                var after: [UserAttribute: PlanValue] = [.name: .string(user.name), .login: PlanValue(user.login)]
                if let id = user.id { after[.sisId] = .string(id) }
                if let email = user.email { after[.email] = .string(email) }
                if let sortable = user.sortableName { after[.sortableName] = .string(sortable) }
                if let provider = user.authProvider { after[.authProvider] = .string(provider) }
                op.after = PlanValues(after)
                if let twin {
                    op.revive = true
                    op.canvasId = twin.canvasId
                    op.reason = "a deleted login still holds this SIS id: it is revived"
                    op.expect = PlanValues([UserAttribute.state: .string("deleted")])
                } else {
                    op.expect = PlanValues([UserAttribute.exists: .bool(false)])
                }
                add(op)
                continue
            }
            var pairs: [(UserAttribute, PlanValue, PlanValue)] = [(.name, .string(twin.name), .string(user.name))]
            if let sortable = user.sortableName { pairs.append((.sortableName, PlanValue(twin.sortableName), .string(sortable))) }
            if let email = user.email { pairs.append((.email, PlanValue(twin.email), .string(email))) }
            if userKey == .sisId, let login = user.login, twin.login?.lowercased() != login.lowercased() {
                pairs.append((.login, PlanValue(twin.login), .string(login)))
            }
            guard let (before, after) = PlanOperation.diff(pairs) else { continue }
            var op = PlanOperation(address: address, action: .update, kind: .user, id: key)
            op.canvasId = twin.canvasId
            op.userCanvasId = twin.loginCanvasId
            (op.before, op.after, op.expect) = (before, after, before)
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

    /// Sections with a SIS id that the config no longer lists: deleted once they hold no enrollments.
    func planSectionRemovals() {
        for course in config.courses {
            guard let twin = liveCourse[course.id] else { continue }
            let declared = Set(course.sections.map(\.id))
            for section in twin.sections {
                guard let sis = section.sisId, !declared.contains(sis) else { continue }
                let inSection = twin.enrollments.filter { $0.sectionCanvasId == section.canvasId && $0.state != "deleted" }
                let deletes = inSection.compactMap { e in
                    ops.first { $0.kind == .enrollment && $0.canvasId == e.canvasId && ($0.action == .delete || $0.action == .replace) }
                }
                guard deletes.count == inSection.count else {
                    warnings.append(
                        "section '\(sis)' of course '\(course.id)' is not in the config, but it holds \(inSection.count - deletes.count) "
                            + "enrollment(s) that stay (policy.withdraw is '\(config.policy.withdraw.rawValue)', or their role is not managed): "
                            + "Canvas cannot delete a section that holds enrollments, so it is kept")
                    continue
                }
                var op = PlanOperation(address: "section:\(sis)", action: .delete, kind: .section, id: sis)
                op.canvasId = section.canvasId
                op.course = course.id
                op.courseCanvasId = twin.canvasId
                op.before = PlanValues([SectionAttribute.name: .string(section.name)])
                op.expect = op.before
                op.reason = "not in the config"
                op.dependsOn = deletes.map(\.address)
                add(op)
            }
        }
    }

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
}
