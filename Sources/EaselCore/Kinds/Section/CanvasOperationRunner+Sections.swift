import CanvasAPI

extension CanvasOperationRunner {
    /// Sections: create in the course with `enable_sis_reactivation=true` (revives a deleted
    /// section of that course holding the SIS id), update, delete. Dates are sent with
    /// `restrict_enrollments_to_section_dates=true`, without which they change nothing.
    func runSection(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        switch op.action {
        case .create:
            var params = SectionParams(name: op.afterString(SectionAttribute.name), sisSectionId: op.id)
            if op.sets(SectionAttribute.start) || op.sets(SectionAttribute.end) {
                (params.startAt, params.endAt) = (try op.createDate(SectionAttribute.start), try op.createDate(SectionAttribute.end))
                params.restrictEnrollmentsToSectionDates = params.startAt != nil || params.endAt != nil
            }
            let course = try courseRef(op, resolved)
            let section = try await creating(op, sisId: op.id, holder: { [client] in
                try await client.section(.sis(.section, op.id)).id
            }) {
                try await client.createSection(course: course, params, enableSISReactivation: true)
            }
            guard section.sisSectionId == op.id else {
                throw OperationRunError.sisIdDropped(op, canvasId: section.id.rawValue)
            }
            return OperationOutcome(canvasId: section.id.rawValue)
        case .update:
            let ref = ownRef(op, resolved, .section)
            var params = SectionParams(name: op.afterString(SectionAttribute.name))
            if op.sets(SectionAttribute.start) || op.sets(SectionAttribute.end) {
                (params.startAt, params.endAt) = try await datesToSend(op) { [client] in
                    try await client.section(ref).restrictEnrollmentsToSectionDates ?? false
                }
                let clearsBoth = params.startAt == .some(nil) && params.endAt == .some(nil)
                params.restrictEnrollmentsToSectionDates = !clearsBoth
            }
            let section = try await client.updateSection(ref, params)
            return OperationOutcome(canvasId: section.id.rawValue)
        case .delete:
            // Canvas refuses while the section holds enrollments; the plan withdraws them first.
            do {
                _ = try await client.deleteSection(ownRef(op, resolved, .section))
            } catch let error as CanvasError where error.kind == .notFound {
                return OperationOutcome(canvasId: op.canvasId, notes: ["the section was already gone"])
            }
            return OperationOutcome(canvasId: op.canvasId)
        default:
            throw OperationRunError.unsupported(op)
        }
    }
}
