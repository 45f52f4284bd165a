/// Diffs the config against live Canvas into ordered operations (docs/canvas-mapping.md says what each operation does).
///
/// Pure: the same config and live state always give the same operations.
public struct Planner {
    public let config: Config
    public let live: LiveState
    public let options: PlanOptions

    public init(config: Config, live: LiveState, options: PlanOptions) {
        self.config = config
        self.live = live
        self.options = options
    }

    /// The operations in execution order, and warnings; or every reason the plan cannot be made.
    public func operations() throws(PlanError) -> (operations: [PlanOperation], warnings: [String]) {
        let builder = PlanBuilder(config: config, live: live, options: options)
        // Each kind in order (terms first), then the withdraws that wait for the enrollments'.
        for kind in PlanOperation.Kind.allCases { kind.resource.plan(builder) }
        for kind in PlanOperation.Kind.allCases { kind.resource.planRemovals(builder) }
        builder.checkConcludedCourses()
        builder.checkCustomRoles()
        builder.checkSafety()
        if !builder.problems.isEmpty { throw PlanError(builder.problems) }
        var ops = builder.ordered()
        var warnings = builder.warnings
        if !options.targets.isEmpty {
            ops = PlanTargeting.narrow(ops, to: options.targets, warnings: &warnings)
        }
        return (ops, warnings)
    }
}
