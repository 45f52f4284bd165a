extension PlanDraft {
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
}
