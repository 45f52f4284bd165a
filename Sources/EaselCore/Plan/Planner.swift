import Foundation

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
        let builder = PlanDraft(config: config, live: live, options: options)
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

extension Planner {
    /// What the config puts in scope: its terms, courses and users (docs/config-reference.md).
    public static func scope(of config: Config) -> PlanScope {
        let userKey = config.policy.userKey
        return PlanScope(
            termIds: config.terms.map(\.id),
            courseIds: config.courses.filter { $0.canvasId == nil }.map(\.id),
            mappedCanvasIds: config.courses.compactMap(\.canvasId),
            userKeys: config.users.compactMap { $0.key(userKey) },
            userKey: userKey, pruneTerms: config.policy.pruneCourses, account: config.canvas.account)
    }
    /// The pure part: config and live state in, plan out.
    public static func plan(
        config: Config, live: LiveState, configHash: String, canvasUrl: String, options: PlanOptions
    ) throws(PlanError) -> Plan {
        let (operations, warnings) = try Planner(config: config, live: live, options: options).operations()
        var plan = Plan(
            easelVersion: EaselVersion.number, createdAt: ConfigDate(epochSeconds: options.now.epochSeconds).iso8601,
            canvasUrl: canvasUrl, account: config.canvas.account, configHash: configHash)
        plan.targets = options.targets
        plan.notify = config.policy.notify
        plan.userKey = config.policy.userKey
        plan.operations = operations
        plan.warnings = warnings
        return plan
    }
    /// SHA-256 over the config's files, in merge order, with their names.
    public static func configHash(_ loaded: LoadedConfig) -> String {
        var bytes: [UInt8] = []
        for file in loaded.files {
            bytes += Array((file as NSString).lastPathComponent.utf8) + [0]
            bytes += Array((loaded.sources[file] ?? "").utf8) + [0]
        }
        return "sha256:" + SHA256.hex(bytes)
    }
}
