#if canImport(Glibc)
import Synchronization
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A joinable POSIX thread running one closure.
///
/// A plain pthread rather than `Foundation.Thread` because shutdown must be able to join it.
final class LoopThread: Sendable {
    private let handle: Mutex<pthread_t?>

    private final class Entry {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread. `body` may capture non-`Sendable` state: from here on
    /// only that thread uses it.
    init(name: String, _ body: @escaping () -> Void) throws(HTTPTransportError) {
        let entry = Unmanaged.passRetained(Entry(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, nil, { argument in
            #if canImport(Darwin)
            let entry = Unmanaged<Entry>.fromOpaque(argument).takeRetainedValue()
            #else
            let entry = Unmanaged<Entry>.fromOpaque(argument!).takeRetainedValue()
            #endif
            entry.body()
            return nil
        }, entry)
        guard status == 0 else {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw HTTPTransportError(.other, "cannot start the \(name) thread (errno \(status))", requestSent: false)
        }
        handle = Mutex(thread)
    }

    /// Waits for the thread to end; only the first call joins.
    func join() {
        guard let thread = handle.withLock({ handle in defer { handle = nil }; return handle }) else { return }
        pthread_join(thread, nil)
    }

    /// Lets the thread clean itself up when it ends, for a transport dropped without shutdown.
    func detach() {
        guard let thread = handle.withLock({ handle in defer { handle = nil }; return handle }) else { return }
        pthread_detach(thread)
    }
}
