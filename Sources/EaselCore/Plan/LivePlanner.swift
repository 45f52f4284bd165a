import Foundation

/// Plans against live Canvas: reads the config's scope through a `LiveReader`, then the
/// `Planner` diffs and stamps the plan.
public struct LivePlanner: Sendable {
    public var canvasUrl: String
    public var reader: any LiveReader

    public init(canvasUrl: String, reader: any LiveReader) {
        self.canvasUrl = canvasUrl
        self.reader = reader
    }


    public func plan(_ loaded: LoadedConfig, config: Config, options: PlanOptions) async throws -> Plan {
        let live = try await reader.read(Planner.scope(of: config))
        return try Planner.plan(config: config, live: live, configHash: Planner.configHash(loaded), canvasUrl: canvasUrl, options: options)
    }


}
