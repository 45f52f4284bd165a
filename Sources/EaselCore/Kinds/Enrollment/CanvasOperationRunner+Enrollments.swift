import CanvasAPI

extension CanvasOperationRunner {
    /// Enrollments (`app/controllers/enrollments_api_controller.rb`):
    /// * create, and reactivate of a completed/deleted/rejected one: `POST` to the section
    ///   (or the course for its default section). Canvas finds or revives the row with the
    ///   same (user, type, role, observee, section), so a re-sent post never duplicates;
    /// * reactivate of an inactive one: `PUT …/enrollments/:id/reactivate`;
    /// * update (to inactive): `DELETE …?task=inactivate`;
    /// * conclude, inactivate, delete: `DELETE …?task=…`, the task always sent (Canvas concludes without one);
    /// * replace: the new enrollment first, then `DELETE …?task=delete` of the old one. Canvas
    ///   cannot move an enrollment between sections or roles; deleting (not concluding) the
    ///   old row completes the move, leaves no concluded duplicate on the roster, and lets a
    ///   section the config dropped be deleted. Its grades stay with the user's submissions.
    func runEnrollment(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        switch op.action {
        case .create:
            return try await enroll(op, resolved)
        case .reactivate where op.replaces == nil:
            let e = try await client.reactivateEnrollment(course: courseRef(op, resolved), id: try existing(op))
            return OperationOutcome(canvasId: e.id.rawValue)
        case .reactivate:
            return try await enroll(op, resolved)
        case .update:
            guard op.afterString(EnrollmentAttribute.state) == "inactive" else {
                let e = try await client.reactivateEnrollment(course: courseRef(op, resolved), id: try existing(op))
                return OperationOutcome(canvasId: e.id.rawValue)
            }
            return try await remove(op, resolved, .inactivate)
        case .conclude: return try await remove(op, resolved, .conclude)
        case .inactivate: return try await remove(op, resolved, .inactivate)
        case .delete: return try await remove(op, resolved, .delete)
        case .replace: return try await replace(op, resolved)
        case .adopt: throw OperationRunError.unsupported(op)
        }
    }

    private func existing(_ op: PlanOperation) throws(OperationRunError) -> CanvasID {
        guard let id = op.canvasId ?? op.replaces else { throw .missing(op, "the enrollment's Canvas id") }
        return CanvasID(id)
    }

    private func remove(_ op: PlanOperation, _ resolved: ResolvedIds, _ task: EnrollmentRemoval) async throws
        -> OperationOutcome
    {
        let e = try await client.removeEnrollment(course: courseRef(op, resolved), id: try existing(op), task: task)
        return OperationOutcome(canvasId: e.id.rawValue)
    }

    /// `POST /sections/:id/enrollments` (or `/courses/:id/enrollments` for the default
    /// section) with the role's type and, for a custom role, its id.
    private func enroll(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        guard let user = op.user else { throw OperationRunError.missing(op, "its user") }
        guard let role = op.role else { throw OperationRunError.missing(op, "its role") }
        let (type, roleId) = try await roleOf(role, op, resolved)
        let enrollment = NewEnrollment(
            user: userRef(user, canvasId: op.userCanvasId, resolved), type: type, roleId: roleId,
            state: op.afterString(EnrollmentAttribute.state) == "inactive" ? .inactive : .active, notify: notify,
            associatedUser: op.observing.map { userRef($0, canvasId: op.observingCanvasId, resolved) })
        let target: EnrollmentTarget =
            if let section = op.section {
                .section(sectionRef(section, canvasId: op.sectionCanvasId, resolved))
            } else {
                .course(try courseRef(op, resolved))
            }
        let e = try await client.createEnrollment(in: target, enrollment)
        return OperationOutcome(canvasId: e.id.rawValue)
    }

    private func replace(_ op: PlanOperation, _ resolved: ResolvedIds) async throws -> OperationOutcome {
        guard let old = op.replaces else { throw OperationRunError.missing(op, "the enrollment it replaces") }
        let created = try await enroll(op, resolved)
        guard created.canvasId != old else { return created }
        do {
            _ = try await client.removeEnrollment(course: courseRef(op, resolved), id: CanvasID(old), task: .delete)
        } catch {
            throw OperationRunError(
                op,
                "enrolled anew (enrollment \(created.canvasId ?? "?")), but deleting the old enrollment \(old) failed: "
                    + "\(error); plan again to withdraw it")
        }
        return OperationOutcome(canvasId: created.canvasId, notes: ["deleted enrollment \(old)"])
    }

    /// A base role's enrollment type, or a custom role's base type and Canvas id.
    private func roleOf(_ role: String, _ op: PlanOperation, _ resolved: ResolvedIds) async throws
        -> (EnrollmentType, CanvasID?)
    {
        if let base = BaseRole(rawValue: role), let type = EnrollmentType(rawValue: base.enrollmentType) {
            return (type, nil)
        }
        guard let custom = try await roles.role(role, client: client, account: account),
            let type = EnrollmentType(rawValue: custom.baseRoleType ?? "")
        else { throw OperationRunError.unknownRole(op, role, account: account) }
        return (type, custom.id)
    }
}
