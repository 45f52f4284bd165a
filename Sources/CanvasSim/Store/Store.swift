import Foundation

/// The simulated Canvas's data: `StoreState` behind one lock, journaled to `--data`.
///
/// Every request runs its whole read or read-modify-write inside one critical section, so
/// Canvas's check-then-act rules (SIS uniqueness, the enrollment reuse key) hold under
/// parallel clients. Critical sections never await; latency is injected outside.
public final class Store: @unchecked Sendable {
    private let lock = NSLock()
    private var state: StoreState
    private let journal: Journal?

    /// Opens the store: replays `dataDirectory`'s journal if there is one, else starts from
    /// the bootstrap state (root account 1, its Default Term, built-in roles).
    init(dataDirectory: String?) throws {
        if let dataDirectory {
            let journal = try Journal(directory: dataDirectory)
            var state = StoreState()
            state.recordChanges = false
            try journal.replay(into: &state)
            state.recordChanges = true
            state.changes = []
            if state.accounts.isEmpty {
                state = StoreState.bootstrap()
                try journal.rewrite(state.allRecords)
                state.changes = []
            } else if journal.shouldCompact(state.recordCount) {
                try journal.rewrite(state.allRecords)
            }
            self.state = state
            self.journal = journal
        } else {
            var state = StoreState.bootstrap()
            state.changes = []
            self.state = state
            self.journal = nil
        }
    }

    /// Runs `body` under the lock and appends what it changed to the journal, also when it
    /// throws (handlers validate before they mutate, so that is rarely anything).
    func transaction<R>(_ body: (inout StoreState) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        state.changes.removeAll(keepingCapacity: true)
        defer { flush() }
        return try body(&state)
    }

    private func flush() {
        guard !state.changes.isEmpty else { return }
        if let journal {
            do {
                try journal.append(state.changes)
            } catch {
                FileHandle.standardError.write(Data("canvas-sim: journal write failed: \(error)\n".utf8))
            }
        }
        state.changes.removeAll(keepingCapacity: true)
    }

    /// Replaces the whole state (reset, seed with replace) and rewrites the journal.
    func replace(with newState: StoreState) throws {
        lock.lock()
        defer { lock.unlock() }
        var fresh = newState
        fresh.changes = []
        fresh.clock = state.clock
        state = fresh
        try journal?.rewrite(state.allRecords)
    }

    var snapshot: SimState { transaction { $0.snapshot } }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        journal?.close()
    }
}

extension StoreState {
    /// Root account 1, the "canvas" authentication provider, the built-in roles, and the
    /// "Default Term".
    static func bootstrap(rootName: String = "Default Account", now: Timestamp = SimClock().now) -> StoreState {
        var s = StoreState()
        s.put(Account(
            id: s.nextId("account"), name: rootName, parentAccountId: nil, rootAccountId: nil,
            sisAccountId: nil, integrationId: nil, workflowState: "active", uuid: StoreState.uuid(),
            defaultTimeZone: "Etc/UTC", createdAt: now))
        s.put(AuthenticationProvider(id: s.nextId("auth_provider"), accountId: 1, authType: "canvas", position: 1))
        for (name, label, base) in Role.builtIns {
            s.put(Role(
                id: s.nextId("role"), accountId: 1, name: name, label: label, baseRoleType: base,
                workflowState: "built_in", createdAt: now, updatedAt: now))
        }
        s.put(Term(
            id: s.nextId("term"), rootAccountId: 1, name: "Default Term", sisTermId: nil, integrationId: nil,
            startAt: nil, endAt: nil, workflowState: "active", isDefault: true, overrides: [:],
            createdAt: now, updatedAt: now))
        return s
    }

    /// Canvas-style 40-character uuids. Drawn from one seeded generator: the system one costs a
    /// syscall per draw, which dominated loading a district-size seed.
    static func uuid() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        return uuidSource.withLock { rng in
            var bytes = [UInt8]()
            bytes.reserveCapacity(40)
            while bytes.count < 40 {
                var word = rng.next()
                for _ in 0..<8 where bytes.count < 40 {
                    bytes.append(alphabet[Int(word % 62)])
                    word /= 62
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static let uuidSource = Locked(SplitMix64(seed: UInt64.random(in: 0...UInt64.max)))

    var now: Timestamp { clock.now }
}
