import ArgumentParser
import CanvasAPI
import EaselCore
import Foundation
import Synchronization

extension ApplyVia: ExpressibleByArgument {}

/// Runs a plan's operations through the path `--via` picks: every operation through the
/// API, or the SIS-expressible ones as one SIS import between the API operations they need
/// and those that need them. Either way it ends in one `ApplyReport`, with one event per
/// operation for the journal and the progress.
struct ApplyWriter {
    var console: Console
    var client: CanvasClient
    var via: ApplyVia
    var sisThreshold: Int
    var parallelism: Int
    /// Asked before each operation (or the import) starts; false stops the apply.
    var mayStart: @Sendable () -> Bool = { true }

    /// `verify` says which imported operations did not take (a re-plan); `onEvent` gets every outcome.
    func run(
        _ plan: Plan, live: LiveState, verify: @escaping @Sendable ([PlanOperation]) async throws -> [String: String],
        onEvent: @escaping @Sendable (ApplyEvent) -> Void
    ) async throws -> ApplyReport {
        let runner = CanvasOperationRunner(client: client, account: plan.account, notify: plan.notify, userKey: plan.userKey)
        let context = SISContext(plan: plan, live: live)
        let staging = via == .api ? nil : SISStaging(plan, context: context)
        let path: ApplyPath
        if let staging {
            switch ApplyPath.choose(via, staging: staging, context: context, threshold: sisThreshold) {
            case .success(let chosen): path = chosen
            case .failure(let error):
                console.err.line("error: \(error)")
                throw CommandExit.failure
            }
        } else {
            path = ApplyPath(usesSISImport: false, reason: "via the API")
        }
        guard let staging, path.usesSISImport else {
            if via != .api { console.err.line("applying \(path.reason)") }
            var engine = ApplyEngine(runner: runner, parallelism: parallelism, onEvent: onEvent)
            engine.mayStart = mayStart
            return await engine.run(plan.operations)
        }
        console.err.line("applying \(path.reason)")
        let importLine = ProgressLine(console: console, label: "SIS import")
        var apply = SISApply(
            importer: SISImporter(client: client, account: .id(CanvasID(live.account.canvasId))), runner: runner,
            context: context, parallelism: parallelism)
        apply.onEvent = onEvent
        apply.mayStart = mayStart
        apply.fallBackToAPI = via == .auto
        apply.verify = verify
        let plain = !console.liveProgress
        let err = console.err
        let lastState = Mutex<String?>(nil)
        // Kept until the import ends, so an apply killed meanwhile is followed by one that waits for it.
        let lastStatus = Mutex<CanvasSISImport?>(nil)
        let account = live.account.canvasId
        let pendingPath = console.easelDirectory.pendingImport(for: plan.canvasUrl)
        apply.onImport = { status in
            lastStatus.withLock { last in
                if last == nil {
                    PendingSISImport(canvasUrl: plan.canvasUrl, account: account, id: status.id.rawValue).save(pendingPath)
                }
                last = status
            }
            let text = "\(status.id): \(status.workflowState), \(status.progress ?? 0)%"
            if plain {
                // Off a terminal: a line when the state changes, not one per poll.
                let changed = lastState.withLock { last in
                    defer { last = status.workflowState }
                    return last != status.workflowState
                }
                if changed { err.line("SIS import \(text)") }
            } else {
                importLine.update(text)
            }
        }
        let report = await apply.run(staging, total: plan.operations.count)
        importLine.finish()
        if lastStatus.withLock({ $0?.isFinished == true }) { PendingSISImport.clear(pendingPath) }
        return report
    }
}
