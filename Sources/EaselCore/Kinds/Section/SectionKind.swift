/// Sections (`app/controllers/sections_controller.rb`): created and updated in their course;
/// deleted once the config no longer lists them and they hold no enrollment.
enum SectionKind: ResourceKind {
    typealias Attribute = SectionAttribute

    static func plan(_ builder: PlanDraft) { builder.planSections() }

    static func planRemovals(_ builder: PlanDraft) { builder.planSectionRemovals() }

    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues { view.sectionValues(op) }

    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    {
        try await runner.runSection(op, resolved)
    }

    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String? { SISExpressibility.sectionReason(op, context) }

    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]] { [builder.sectionRow(op)] }
}

extension LiveView {
    func sectionValues(_ op: PlanOperation) -> PlanValues {
        guard let c = op.course.flatMap({ courses[$0] }), let s = c.sections.first(where: { $0.sisId == op.id }) else {
            return LiveView.missing
        }
        return PlanValues([SectionAttribute.exists: .bool(true), .name: .string(s.name), .start: PlanValue(s.start), .end: PlanValue(s.end)])
    }
}

extension SISExpressibility {
    static func sectionReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        guard op.course != nil else { return "its course is not known" }
        switch op.action {
        case .create: return nil
        case .update, .delete:
            guard let course = op.course, context.section(op.id, in: course) != nil else {
                return "the section's live values are not known"
            }
            return nil
        default: return "a SIS import cannot \(op.action.rawValue) a section"
        }
    }
}

extension SISCSVBuilder {
    func sectionRow(_ op: PlanOperation) -> [String?] {
        let live = op.action == .create ? nil : op.course.flatMap { context.section(op.id, in: $0) }
        let status = op.action == .delete ? "deleted" : "active"
        return [
            op.id, op.course, op.afterString(SectionAttribute.name) ?? live?.name ?? op.before?[SectionAttribute.name]?.string, status,
            op.action == .delete ? nil : date(op, SectionAttribute.start, else: live?.start),
            op.action == .delete ? nil : date(op, SectionAttribute.end, else: live?.end),
        ]
    }
}
