/// The reader's view of a plan's operations: objects one by one, enrollments grouped per
/// course and role, shared by the text and Markdown renderings.
struct PlanPresentation {
    enum Item {
        case single(PlanOperation)
        /// Several enrollments of one course, action and role.
        case group(action: PlanOperation.Action, role: String, course: String, ops: [PlanOperation])
    }

    let items: [Item]

    init(_ plan: Plan, detailFull: Bool) {
        var items: [Item] = []
        var groupIndex: [String: Int] = [:]
        for op in plan.operations {
            guard !detailFull, op.kind == .enrollment, op.action != .replace, let course = op.course, let role = op.role else {
                items.append(.single(op))
                continue
            }
            let key = "\(op.action.rawValue)\u{0}\(course)\u{0}\(role)"
            if let i = groupIndex[key], case .group(let a, let r, let c, let ops) = items[i] {
                items[i] = .group(action: a, role: r, course: c, ops: ops + [op])
            } else {
                groupIndex[key] = items.count
                items.append(.group(action: op.action, role: role, course: course, ops: [op]))
            }
        }
        // A group of one reads better as the operation itself.
        self.items = items.map { item in
            if case .group(_, _, _, let ops) = item, ops.count == 1 { return .single(ops[0]) }
            return item
        }
    }

    /// The attribute lines worth showing for an operation: what changes, without values that
    /// stay the same or a new enrollment's default `active` state.
    static func attributes(_ op: PlanOperation) -> [(name: String, before: PlanValue?, after: PlanValue?)] {
        op.changedAttributes.compactMap { name in
            let before = op.before?[name], after = op.after?[name]
            if before != nil, before == after { return nil }
            if op.kind == .enrollment, op.action == .create, name == EnrollmentAttribute.state.rawValue, after == .string("active") { return nil }
            return (name, before, after)
        }
    }

    /// `"old" → "new"`, `"new"`, or the value a withdraw finds.
    static func change(_ before: PlanValue?, _ after: PlanValue?) -> String {
        switch (before, after) {
        case (let old?, let new?): "\(old) → \(new)"
        case (nil, let new?): "\(new)"
        case (let old?, nil): "\(old)"
        case (nil, nil): ""
        }
    }

    /// `+ create`, `- conclude` …: the verb a line shows before the object.
    static func verb(_ action: PlanOperation.Action) -> String? {
        switch action {
        case .create, .update, .replace: nil
        default: action.rawValue
        }
    }

    /// `student S1001 in 2026F-MATH101-A`, `course 2026F-MATH101-A`.
    static func subject(_ op: PlanOperation) -> String { op.kind.resource.subject(op) }

    /// `students`, `TAs`, `Graders`.
    static func plural(_ role: String, _ n: Int) -> String {
        let singular = role == "ta" ? "TA" : role
        return n == 1 ? singular : singular + "s"
    }

    /// The symbols used in a plan with the words they stand for, for the legend.
    static func legend(_ plan: Plan) -> String {
        let used = Set(plan.operations.map(\.action.symbol))
        let all = [("+", "create"), ("~", "update"), ("-", "withdraw"), ("-/+", "replace"), ("↻", "reactivate")]
        return all.filter { used.contains($0.0) }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
