extension PlanDraft {
    /// An enrollment's identity within a course: user, role, section (nil: the default section), observee.
    struct EnrollmentKey: Hashable {
        var user: String
        var role: String
        var section: String?
        var observing: String?

        var id: String { [user, role, section].compactMap { $0 }.joined(separator: "/") }
        var addressSuffix: String { "\(user)/\(role)/\(section ?? "-")" + (observing.map { "/\($0)" } ?? "") }
    }

    func planEnrollments() {
        let managedRoles = Set(config.policy.managedRoles)
        for course in config.courses {
            let twin = liveCourse[course.id]
            var desired: [(EnrollmentKey, Enrollment)] = []
            var desiredKeys = Set<EnrollmentKey>()
            for e in course.enrollments {
                let key = EnrollmentKey(
                    user: configKey(e.user.id), role: e.role, section: e.section?.id, observing: e.observing.map { configKey($0.id) })
                if desiredKeys.insert(key).inserted { desired.append((key, e)) }
            }
            // Live enrollments by key; a user easel does not know is keyed by Canvas id.
            var live: [EnrollmentKey: LiveEnrollment] = [:]
            var liveOrder: [EnrollmentKey] = []
            if let twin {
                let sectionSis = Dictionary(twin.sections.map { ($0.canvasId, $0.sisId) }, uniquingKeysWith: { a, _ in a })
                for e in twin.enrollments {
                    let key = EnrollmentKey(
                        user: userKeyOf(canvasId: e.userCanvasId), role: e.role,
                        section: sectionSis[e.sectionCanvasId] ?? nil,
                        observing: e.associatedUserCanvasId.map(userKeyOf(canvasId:)))
                    if let existing = live[key], existing.isEnrolled || !e.isEnrolled { continue }
                    if live[key] == nil { liveOrder.append(key) }
                    live[key] = e
                }
            }
            var unmatchedDesired: [(EnrollmentKey, Enrollment)] = []
            for (key, e) in desired {
                if let l = live[key] {
                    planExisting(course, key, e, l)
                } else {
                    unmatchedDesired.append((key, e))
                }
            }
            let withdrawable = liveOrder.filter { key in
                guard !desiredKeys.contains(key), managedRoles.contains(key.role), let e = live[key] else { return false }
                return e.isEnrolled || (e.state == "inactive" && config.policy.withdraw != .inactivate)
            }
            var replaced = Set<EnrollmentKey>()
            for (key, e) in unmatchedDesired {
                // A changed section or role of the same user is a replace, not a withdraw and a create.
                let old = withdrawable.first { old in
                    !replaced.contains(old) && old.user == key.user && old.observing == key.observing
                        && (old.role == key.role) != (old.section == key.section)
                }
                if let old, let l = live[old] {
                    replaced.insert(old)
                    planReplace(course, old: old, l, new: key, e)
                } else {
                    planCreate(course, key, e)
                }
            }
            for key in withdrawable where !replaced.contains(key) {
                if let l = live[key] { planWithdraw(course, key, l) }
            }
        }
    }

    private func userKeyOf(canvasId: String) -> String {
        liveUsersByCanvasId[canvasId].flatMap { LiveIndex.key(of: $0, userKey) } ?? "canvas:\(canvasId)"
    }

    private func enrollmentOp(_ action: PlanOperation.Action, _ course: Course, _ key: EnrollmentKey) -> PlanOperation {
        var op = PlanOperation(address: "enrollment:\(course.id)/\(key.addressSuffix)", action: action, kind: .enrollment, id: "\(course.id)/\(key.id)")
        op.course = course.id
        op.courseCanvasId = liveCourse[course.id]?.canvasId
        op.user = key.user
        op.userCanvasId = liveUsers[key.user].flatMap { $0.isDeleted ? nil : $0.canvasId }
        op.role = key.role
        op.section = key.section
        if let section = key.section {
            op.sectionCanvasId = liveCourse[course.id]?.sections.first { $0.sisId == section }?.canvasId
        }
        op.observing = key.observing
        op.observingCanvasId = key.observing.flatMap { liveUsers[$0]?.canvasId }
        return op
    }

    /// What a new or revived enrollment waits for: its course, section and users when the plan makes them.
    private func prerequisites(_ course: Course, _ key: EnrollmentKey) -> [String] {
        var deps: [String] = []
        if let courseOp = op("course:\(course.id)"), courseOp.action == .create || courseOp.action == .adopt
            || courseOp.after?[CourseAttribute.published] != nil || courseOp.after?[CourseAttribute.end] != nil
        {
            deps.append(courseOp.address)
        }
        if let section = key.section, let s = creating("section:\(section)") { deps.append(s) }
        if let u = creating("user:\(key.user)") { deps.append(u) }
        if let observing = key.observing, let u = creating("user:\(observing)") { deps.append(u) }
        // A term whose end moves later must be updated before Canvas accepts the enrollment.
        if let term = course.term, let t = op("term:\(term.id)"), t.action == .update, t.after?[TermAttribute.end] != nil {
            deps.append(t.address)
        }
        return deps
    }

    private func planCreate(_ course: Course, _ key: EnrollmentKey, _ e: Enrollment) {
        var op = enrollmentOp(.create, course, key)
        op.after = PlanValues([EnrollmentAttribute.state: .string(e.state.rawValue)])
        op.expect = PlanValues([EnrollmentAttribute.exists: .bool(false)])
        op.dependsOn = prerequisites(course, key)
        add(op)
    }

    private func planExisting(_ course: Course, _ key: EnrollmentKey, _ e: Enrollment, _ l: LiveEnrollment) {
        let wanted = e.state.rawValue
        switch (e.state, l.state) {
        case (.active, "active"), (.active, "invited"), (.active, "creation_pending"), (.inactive, "inactive"):
            return
        case (.active, "inactive"):
            var op = enrollmentOp(.reactivate, course, key)
            op.reason = "inactive in Canvas"
            fill(&op, l, wanted)
            add(op)
        case (.inactive, "active"), (.inactive, "invited"), (.inactive, "creation_pending"):
            var op = enrollmentOp(.update, course, key)
            fill(&op, l, wanted)
            add(op)
        default:
            // completed, deleted or rejected: Canvas revives the row when it is posted again.
            var op = enrollmentOp(.reactivate, course, key)
            op.reason = "\(l.state == "completed" ? "concluded" : l.state) in Canvas: enrolled again"
            fill(&op, l, wanted)
            op.replaces = l.canvasId
            op.dependsOn = prerequisites(course, key)
            add(op)
        }
    }

    private func fill(_ op: inout PlanOperation, _ l: LiveEnrollment, _ wanted: String) {
        op.canvasId = l.canvasId
        op.before = PlanValues([EnrollmentAttribute.state: .string(l.state)])
        op.after = PlanValues([EnrollmentAttribute.state: .string(wanted)])
        op.expect = op.before
    }

    private func planReplace(
        _ course: Course, old: EnrollmentKey, _ l: LiveEnrollment, new: EnrollmentKey, _ e: Enrollment
    ) {
        var op = enrollmentOp(.replace, course, new)
        op.canvasId = l.canvasId
        op.replaces = l.canvasId
        if old.section != new.section {
            op.before = PlanValues([EnrollmentAttribute.section: PlanValue(old.section)])
            op.after = PlanValues([EnrollmentAttribute.section: PlanValue(new.section), .state: .string(e.state.rawValue)])
            op.reason = "section changed"
        } else {
            op.before = PlanValues([EnrollmentAttribute.role: .string(old.role)])
            op.after = PlanValues([EnrollmentAttribute.role: .string(new.role), .state: .string(e.state.rawValue)])
            op.reason = "role changed"
        }
        op.before?[EnrollmentAttribute.state] = .string(l.state)
        op.expect = PlanValues([EnrollmentAttribute.state: .string(l.state)])
        op.dependsOn = prerequisites(course, new)
        add(op)
    }

    private func planWithdraw(_ course: Course, _ key: EnrollmentKey, _ l: LiveEnrollment) {
        let action: PlanOperation.Action =
            switch config.policy.withdraw {
            case .conclude: .conclude
            case .inactivate: .inactivate
            case .delete: .delete
            }
        var op = enrollmentOp(action, course, key)
        op.canvasId = l.canvasId
        op.before = PlanValues([EnrollmentAttribute.state: .string(l.state)])
        op.expect = op.before
        op.reason = "not in the config"
        add(op)
    }
}
