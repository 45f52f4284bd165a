extension PlanDraft {
    /// Canvas refuses enrollments in a concluded course: say so now, not halfway through an apply.
    func checkConcludedCourses() {
        let adding = Set(ops.filter { $0.kind == .enrollment && ($0.action == .create || $0.action == .reactivate || $0.action == .replace) }.compactMap(\.course))
        for course in config.courses where adding.contains(course.id) {
            let twin = liveCourse[course.id]
            if twin?.workflowState == "completed", course.published != true {
                problems.append(
                    "course '\(course.id)' is concluded in Canvas, which refuses new enrollments in it: "
                        + "set 'published: true' to re-open it, or remove the enrollments from the config")
                continue
            }
            // Effective end: the course's own dates when it has them, else its term's.
            let end: ConfigDate?
            let source: String
            if course.start != nil || course.end != nil {
                (end, source) = (course.end, "the course")
            } else if twin?.restrictToDates == true, course.end == nil, twin?.end != nil {
                (end, source) = (twin?.end, "the course")
            } else if let term = course.term {
                (end, source) = (configTerms[term.id]?.end ?? liveTerms[term.id]?.end, "term '\(term.id)'")
            } else {
                (end, source) = (nil, "")
            }
            if let end, end < options.now {
                problems.append(
                    "course '\(course.id)' ended on \(end) (the end of \(source)), so Canvas treats it as concluded and refuses "
                        + "new enrollments: move the end date later, or remove the enrollments from the config")
            }
        }
    }

    /// Custom roles are Canvas's to define: the ones the config uses must exist with the declared base.
    func checkCustomRoles() {
        let used = Set(config.courses.flatMap { $0.enrollments.map(\.role) })
        for role in config.roles where used.contains(role.name) {
            guard let live = live.roles.first(where: { $0.label == role.name }) else {
                problems.append(
                    "custom role '\(role.name)' does not exist in Canvas: create it (based on \(role.base.rawValue)) under the account's roles, then plan again")
                continue
            }
            if live.base != role.base {
                problems.append("custom role '\(role.name)' is based on \(live.base.rawValue) in Canvas, not \(role.base.rawValue) as the config says")
            }
        }
    }

    /// `max_withdraw` and `protect`: the limits a plan may not pass.
    func checkSafety() {
        let protected = Set(config.courses.filter(\.protect).map(\.id))
        for op in ops where op.kind == .course && op.action.isWithdraw && protected.contains(op.id) {
            problems.append("course '\(op.id)' is protected: easel never concludes or deletes it (nothing overrides 'protect')")
        }
        let withdraws = ops.filter { $0.kind == .enrollment && $0.action.isWithdraw }
        guard !withdraws.isEmpty, !options.allowMassWithdraw else { return }
        let managed = Set(config.policy.managedRoles)
        let total = liveCourse.values.reduce(0) { sum, course in
            sum + course.enrollments.filter { $0.isEnrolled && managed.contains($0.role) }.count
        }
        let limit = config.policy.maxWithdraw
        let exceeded: Bool =
            switch limit {
            case .percent(let p): Double(withdraws.count) * 100 > p * Double(max(total, 1))
            case .count(let n): withdraws.count > n
            }
        guard exceeded else { return }
        var perCourse: [String: Int] = [:]
        for op in withdraws { perCourse[op.course ?? "?", default: 0] += 1 }
        let largest = perCourse.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5).map { "\($0.key) (\($0.value))" }
        let share = total == 0 ? "" : String(format: " (%.1f%%)", Double(withdraws.count) * 100 / Double(total))
        problems.append(
            "the plan withdraws \(withdraws.count) of \(total) managed enrollments\(share), more than max_withdraw \(limit.text); "
                + "most in \(largest.joined(separator: ", ")). If this is intended, run again with --allow-mass-withdraw")
    }
}
