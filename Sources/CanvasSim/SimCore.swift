import Foundation
import Synchronization

/// Everything a running simulator shares across requests: the store and the run-time knobs.
final class SimCore: Sendable {
    let store: Store
    let config: Mutex<RuntimeConfig>
    let optionTokens: Set<String>
    let throttle = Throttle()
    let faults: Faults
    let stats = Mutex(RequestStats())
    /// SIS imports, one at a time in order; reports, one at a time on their own queue.
    let imports = JobQueue()
    let reports = JobQueue()
    /// A seed was given, but the store already held state and `reseed` was off.
    let seedIgnored: Bool

    init(_ options: SimOptions) throws {
        store = try Store(dataDirectory: options.dataDirectory)
        config = Mutex(options.runtime)
        optionTokens = Set(options.tokens)
        faults = Faults(seed: options.faultSeed)
        let fresh = store.transaction { $0.courses.isEmpty && $0.users.isEmpty && $0.terms.count == 1 }
        seedIgnored = options.seed != nil && !fresh && !options.reseed
        if let seed = options.seed, fresh || options.reseed { _ = try loadSeed(seed, mode: .replace) }
        // An import the last run left unfinished will not resume.
        store.transaction { $0.failInterruptedImports() }
    }

    /// Stops background jobs (they check between chunks) before the state they work on goes.
    func cancelJobs() {
        imports.cancelAll()
        reports.cancelAll()
    }

    /// Applies a seed on a copy of the state, so a seed with problems changes nothing.
    func loadSeed(_ seed: SimSeed, mode: SeedMode) throws -> SeedSummary {
        switch mode {
        case .replace:
            cancelJobs()
            var fresh = StoreState.bootstrap()
            fresh.clock = store.transaction { $0.clock }
            fresh.recordChanges = false
            let summary = try fresh.applySeed(seed)
            fresh.recordChanges = true
            try store.replace(with: fresh)
            return summary
        case .merge:
            return try store.transaction { s in
                var copy = s
                copy.recordChanges = false
                let summary = try copy.applySeed(seed)
                // Re-run on the real state so the journal records exactly these changes.
                _ = try s.applySeed(seed)
                return summary
            }
        }
    }

    func reset() throws {
        cancelJobs()
        var fresh = StoreState.bootstrap()
        fresh.clock = store.transaction { $0.clock }
        try store.replace(with: fresh)
        throttle.reset()
    }

    /// Whether the token is accepted, and the user it stands for.
    func authenticate(_ token: String) -> (valid: Bool, userId: Int?) {
        let stored = store.transaction { $0.tokens[token] }
        if let stored { return (true, stored.userId) }
        return (optionTokens.contains(token), nil)
    }
}
