import Foundation

/// A value guarded by a mutex. Critical sections are synchronous and short: nothing awaits
/// while holding it, so latency sleeps and network writes always happen outside.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
