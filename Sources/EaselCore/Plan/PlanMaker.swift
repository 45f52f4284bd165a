import Foundation

/// Makes a plan: reads live Canvas for the config's scope, diffs, and stamps the result.
public struct PlanMaker: Sendable {
    public var canvasUrl: String
    public var reader: any LiveReader

    public init(canvasUrl: String, reader: any LiveReader) {
        self.canvasUrl = canvasUrl
        self.reader = reader
    }

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

    public func plan(_ loaded: LoadedConfig, config: Config, options: PlanOptions) async throws -> Plan {
        let live = try await reader.read(Self.scope(of: config))
        return try Self.plan(config: config, live: live, configHash: Self.hash(loaded), canvasUrl: canvasUrl, options: options)
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
    public static func hash(_ loaded: LoadedConfig) -> String {
        var bytes: [UInt8] = []
        for file in loaded.files {
            bytes += Array((file as NSString).lastPathComponent.utf8) + [0]
            bytes += Array((loaded.sources[file] ?? "").utf8) + [0]
        }
        return "sha256:" + SHA256.hex(bytes)
    }
}
