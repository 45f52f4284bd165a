import CanvasAPI
import EaselCore
import Foundation
import Synchronization

/// Reads live Canvas and makes a plan, reporting progress and plan-time errors on stderr.
struct PlanWithProgress {
    var console: Console
    var connection: ConnectionOptions
    var options: PlanOptions
    /// Requests in flight at most while reading; nil: the client's default, adapted to the rate limit.
    var parallelism: Int? = nil
    var readVia: ReadPath = .auto

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
        let api = CanvasLiveReader(client: client) { read in
            let detail: String =
                switch read.phase {
                case .report: ", reports \(read.reportsRead)/\(read.reportsTotal) (\(read.reportPercent)%)"
                case .rosters where read.rostersTotal > 0: ", rosters \(read.rostersRead)/\(read.rostersTotal)"
                default: ""
                }
            progress.update("\(read.phase.rawValue): \(read.objectsRead) objects, \(read.requests) requests\(detail)")
        }
        let chosen = ChosenPath()
        let reader = ReadPathReader(path: readVia, api: api) { path, reason in
            let fellBack = chosen.path.withLock { previous in
                defer { previous = path }
                return previous == .report && path == .api
            }
            if fellBack { console.err.line("note: \(reason); reading Canvas through the API instead") }
        }
        let started = ContinuousClock.now
        let requestsBefore = client.metrics.requestsSent
        let live: LiveState
        do {
            live = try await reader.read(Planner.scope(of: config))
        } catch {
            progress.finish()
            console.err.line("error: reading Canvas failed: \(error)")
            throw CommandExit.failure
        }
        let seconds = (ContinuousClock.now - started).seconds
        let via = chosen.path.withLock { $0 } == .report ? " via the provisioning report" : ""
        progress.finish("read Canvas\(via): \(client.metrics.requestsSent - requestsBefore) requests in \(String(format: "%.1f", seconds)) s")
        do {
            let plan = try Planner.plan(
                config: config, live: live, configHash: Planner.configHash(loaded), canvasUrl: url, options: options)
            return (plan, live)
        } catch {
            for problem in error.problems { console.err.line("error: \(problem)") }
            console.err.line("the plan was not made; nothing was changed")
            throw CommandExit.failure
        }
    }
}

/// The read path the reader took, for the summary line.
private final class ChosenPath: Sendable {
    let path = Mutex(ReadPath.api)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The current time as a config date, for "has this course ended" checks.
func nowDate() -> ConfigDate {
    ConfigDate(epochSeconds: Int64(Date().timeIntervalSince1970))
}
