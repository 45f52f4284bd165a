import Synchronization
/// One caller's request and the continuation that answers it.
///
/// Shared between the calling task, its cancellation handler and the loop thread. Whoever
/// takes the continuation out under the lock resumes it, so it is resumed exactly once.
final class TransferTicket: Sendable {
    private struct State {
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var cancelled = false
    }

    let id: UInt64
    let request: HTTPRequest
    private let state = Mutex(State())

    init(id: UInt64, request: HTTPRequest) {
        self.id = id
        self.request = request
    }

    /// Stores the continuation; `false` when cancellation already happened (the caller resumes it).
    func install(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.continuation = continuation
            return true
        }
    }

    /// Marks the ticket cancelled; `true` when a continuation is waiting and the loop must act.
    func markCancelled() -> Bool {
        state.withLock { state in
            state.cancelled = true
            return state.continuation != nil
        }
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Resumes the caller unless someone already did; returns whether this call resumed it.
    @discardableResult
    func resume(with result: Result<HTTPResponse, HTTPTransportError>) -> Bool {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        guard let continuation else { return false }
        continuation.resume(with: result.mapError { $0 as any Error })
        return true
    }
}
