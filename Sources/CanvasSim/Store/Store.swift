import Foundation
import Synchronization

/// The simulated Canvas's data: `StoreState` behind one lock, journaled to `--data`.
///
/// Every request runs its whole read or read-modify-write inside one critical section (a
/// `Mutex`), so Canvas's check-then-act rules (SIS uniqueness, the enrollment reuse key) hold
/// under parallel clients. Critical sections never await; latency is injected outside.
public final class Store: Sendable {
    private struct Guarded {
        var state: StoreState
        let journal: Journal?
    }

    private let guarded: Mutex<Guarded>

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
            guarded = Mutex(Guarded(state: state, journal: journal))
        } else {
            var state = StoreState.bootstrap()
            state.changes = []
            guarded = Mutex(Guarded(state: state, journal: nil))
        }
    }

    /// Runs `body` under the lock and appends what it changed to the journal, also when it
    /// throws (handlers validate before they mutate, so that is rarely anything).
    func transaction<R>(_ body: (inout StoreState) throws -> R) rethrows -> R {
        try guarded.withLock { g in
            g.state.changes.removeAll(keepingCapacity: true)
            defer { Self.flush(&g) }
            return try body(&g.state)
        }
    }

    private static func flush(_ g: inout Guarded) {
        guard !g.state.changes.isEmpty else { return }
        if let journal = g.journal {
            do {
                try journal.append(g.state.changes)
            } catch {
                FileHandle.standardError.write(Data("canvas-sim: journal write failed: \(error)\n".utf8))
            }
        }
        g.state.changes.removeAll(keepingCapacity: true)
    }

    /// Replaces the whole state (reset, seed with replace) and rewrites the journal.
    func replace(with newState: StoreState) throws {
        try guarded.withLock { g in
            var fresh = newState
            fresh.changes = []
            fresh.clock = g.state.clock
            g.state = fresh
            try g.journal?.rewrite(g.state.allRecords)
        }
    }

    var snapshot: SimState { transaction { $0.snapshot } }

    func close() {
        guarded.withLock { $0.journal?.close() }
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

    private static let uuidSource = Mutex(SplitMix64(seed: UInt64.random(in: 0...UInt64.max)))

    var now: Timestamp { clock.now }
}
