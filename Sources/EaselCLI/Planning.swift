import CanvasAPI
import EaselCore
import Foundation

/// Reads live Canvas and makes a plan, reporting progress and plan-time errors on stderr.
struct Planning {
    var console: Console
    var connection: ConnectionOptions
    var options: PlanOptions
    /// Requests in flight at most while reading; nil: the client's default, adapted to the rate limit.
    var parallelism: Int? = nil

    func plan(_ config: Config, _ loaded: LoadedConfig) async throws -> Plan {
        let url = try connection.url(config, console)
        return try await connection.withClient(url: url, console: console, parallelism: parallelism) { client in
            try await plan(config, loaded, client: client, url: url)
        }
    }

    func plan(_ config: Config, _ loaded: LoadedConfig, client: CanvasClient, url: String) async throws -> Plan {
        try await planWithLive(config, loaded, client: client, url: url).plan
    }

    /// The plan and the live state it was made from.
    func planWithLive(_ config: Config, _ loaded: LoadedConfig, client: CanvasClient, url: String) async throws
        -> (plan: Plan, live: LiveState)
    {
        let progress = ProgressLine(console: console, label: "reading Canvas")
        let reader = CanvasLiveReader(client: client) { read in
            let rosters = read.rostersTotal > 0 ? ", rosters \(read.rostersRead)/\(read.rostersTotal)" : ""
            progress.update("\(read.phase.rawValue): \(read.objectsRead) objects, \(read.requests) requests\(rosters)")
        }
        let started = ContinuousClock.now
        let requestsBefore = client.metrics.requestsSent
        let live: LiveState
        do {
            live = try await reader.read(PlanMaker.scope(of: config))
        } catch {
            progress.finish()
            console.err.line("error: reading Canvas failed: \(error)")
            throw CommandExit.failure
        }
        let seconds = (ContinuousClock.now - started).seconds
        progress.finish("read Canvas: \(client.metrics.requestsSent - requestsBefore) requests in \(String(format: "%.1f", seconds)) s")
        do {
            let plan = try PlanMaker.plan(
                config: config, live: live, configHash: PlanMaker.hash(loaded), canvasUrl: url, options: options)
            return (plan, live)
        } catch {
            for problem in error.problems { console.err.line("error: \(problem)") }
            console.err.line("the plan was not made; nothing was changed")
            throw CommandExit.failure
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The current time as a config date, for "has this course ended" checks.
func nowDate() -> ConfigDate {
    ConfigDate(epochSeconds: Int64(Date().timeIntervalSince1970))
}
