import Synchronization

/// A `Mutex` in a box, for test state that escaping closures (a scripted server's handlers)
/// share: `Mutex` itself cannot be captured by them.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { value in try body(&value) }
    }
}
