import Foundation

/// Carries out a plan's operations as a dependency graph: independent operations run in
/// parallel, an operation starts only when everything it depends on succeeded, and the
/// dependents of a failure are skipped, not attempted.
public struct ApplyEngine: Sendable {
    /// Runs one operation, given the Canvas ids the operations done so far found or created.
    public typealias Execute = @Sendable (PlanOperation, ResolvedIds) async throws -> OperationOutcome

    public var parallelism: Int
    public var execute: Execute
    /// Called after each operation ends (on any task; keep it quick).
    public var onEvent: (@Sendable (ApplyEvent) -> Void)?
    /// Asked before each operation starts: false stops the run (those running finish; the
    /// rest are reported not started), as when the journal can no longer be written.
    public var mayStart: @Sendable () -> Bool = { true }

    public init(runner: some OperationRunner, parallelism: Int, onEvent: (@Sendable (ApplyEvent) -> Void)? = nil) {
        self.init(parallelism: parallelism, execute: { try await runner.run($0, resolved: $1) }, onEvent: onEvent)
    }

    public init(parallelism: Int, execute: @escaping Execute, onEvent: (@Sendable (ApplyEvent) -> Void)? = nil) {
        self.parallelism = max(1, parallelism)
        self.execute = execute
        self.onEvent = onEvent
    }

    public func run(_ operations: [PlanOperation]) async -> ApplyReport {
        let addresses = Set(operations.map(\.address))
        var waitingOn: [String: Set<String>] = [:]
        var dependents: [String: [String]] = [:]
        let byAddress = Dictionary(operations.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        for op in operations {
            // A dependency outside the plan (a partial plan's) is assumed done.
            let deps = Set(op.dependsOn.filter(addresses.contains))
            waitingOn[op.address] = deps
            for dep in deps { dependents[dep, default: []].append(op.address) }
        }
        var ready = operations.filter { waitingOn[$0.address]!.isEmpty }.map(\.address)
        var report = ApplyReport(total: operations.count)
        var resolved = ResolvedIds()
        var running = 0

        await withTaskGroup(of: (String, Result<OperationOutcome, any Error>).self) { group in
            func startReady() {
                while running < parallelism, !ready.isEmpty, !Task.isCancelled, mayStart() {
                    let address = ready.removeFirst()
                    let op = byAddress[address]!
                    let ids = resolved
                    running += 1
                    group.addTask {
                        // The result is bound before the tuple is built: Swift 6.3.1 with -O
                        // miscompiles `do { return (address, .success(try await …)) } catch { … }`
                        // in an async closure (the captured `address` comes back zeroed; release
                        // builds crashed with "pure virtual method called").
                        let result: Result<OperationOutcome, any Error>
                        do { result = .success(try await execute(op, ids)) } catch { result = .failure(error) }
                        return (address, result)
                    }
                }
            }
            /// Skips everything that (transitively) waits on `address`.
            func skipDependents(of address: String, root: String) {
                for dependent in dependents[address] ?? [] where report.outcome[dependent] == nil {
                    report.outcome[dependent] = .skipped(because: root)
                    report.skipped.append(byAddress[dependent]!)
                    onEvent?(.skipped(byAddress[dependent]!, because: root))
                    skipDependents(of: dependent, root: root)
                }
            }
            startReady()
            while let (address, result) = await group.next() {
                running -= 1
                let op = byAddress[address]!
                switch result {
                case .success(let outcome):
                    let canvasId = outcome.canvasId ?? op.canvasId
                    report.outcome[address] = .done(canvasId: canvasId)
                    report.succeeded.append(op)
                    resolved.record(op, outcome)
                    onEvent?(.done(op, canvasId: canvasId))
                    for dependent in dependents[address] ?? [] where report.outcome[dependent] == nil {
                        waitingOn[dependent]!.remove(address)
                        if waitingOn[dependent]!.isEmpty { ready.append(dependent) }
                    }
                case .failure(let error):
                    let message = String(describing: error)
                    report.outcome[address] = .failed(message: message)
                    report.failed.append((op, message))
                    onEvent?(.failed(op, message: message))
                    skipDependents(of: address, root: address)
                }
                startReady()
            }
        }
        // Interrupted: what never started is neither done nor failed.
        report.notStarted = operations.filter { report.outcome[$0.address] == nil }
        return report
    }
}

public enum ApplyEvent: Sendable {
    case done(PlanOperation, canvasId: String?)
    case failed(PlanOperation, message: String)
    case skipped(PlanOperation, because: String)
}

/// What an apply did, operation by operation.
public struct ApplyReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        case done(canvasId: String?)
        case failed(message: String)
        case skipped(because: String)
    }

    public var total: Int
    public var outcome: [String: Outcome] = [:]
    public var succeeded: [PlanOperation] = []
    public var failed: [(PlanOperation, String)] = []
    public var skipped: [PlanOperation] = []
    public var notStarted: [PlanOperation] = []
    /// What the run has to say beyond each operation (a SIS import's id and state, messages
    /// Canvas gave about no row in particular).
    public var notes: [String] = []

    public init(total: Int) { self.total = total }

    /// Adds what another run (a stage of the same apply) did.
    public mutating func absorb(_ other: ApplyReport) {
        outcome.merge(other.outcome) { _, new in new }
        succeeded += other.succeeded
        failed += other.failed
        skipped += other.skipped
        notStarted += other.notStarted
        notes += other.notes
    }

    public var isComplete: Bool { failed.isEmpty && skipped.isEmpty && notStarted.isEmpty }

    /// `Apply complete: 12 created, 3 updated, 40 withdrawn, 0 replaced.`
    public var completionLine: String {
        let done = Plan.Summary(counting: succeeded.map(\.action))
        return "Apply complete: \(done.create) created, \(done.update) updated, \(done.withdraw) withdrawn, \(done.replace) replaced."
    }
}
