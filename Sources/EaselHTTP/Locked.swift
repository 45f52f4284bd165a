import Foundation

/// A value guarded by a lock, for state that callers on any thread share.
///
/// Used across the package instead of `Synchronization.Mutex` because the package
/// still declares macOS 14, where `Mutex` is unavailable.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access; never `await` or call back out from inside it.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
