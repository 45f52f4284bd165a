import Synchronization
internal import CCurl

/// The only door into the loop thread: callers post work here under a lock and wake the
/// loop with `curl_multi_wakeup`, the one multi-handle call libcurl allows from any thread.
///
/// `@unchecked Sendable`: every stored property is guarded by `state`'s lock, and the
/// multi-handle pointer is only used for `curl_multi_wakeup` while the inbox is open; the
/// loop closes the inbox before it cleans the multi handle up.
final class CurlInbox: @unchecked Sendable {
    struct Mail {
        var starts: [TransferTicket] = []
        var cancels: [TransferTicket] = []
        var stop: Stop?
    }

    struct Stop {
        var cancelInFlight: Bool
    }

    private struct State {
        var mail = Mail()
        var accepting = true
        var open = true
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())

    init(multi: UnsafeMutableRawPointer) {
        self.multi = multi
    }

    /// Hands a ticket to the loop, or fails it at once when the transport is shutting down.
    func submit(_ ticket: TransferTicket) {
        let accepted = state.withLock { state in
            guard state.accepting else { return false }
            state.mail.starts.append(ticket)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { ticket.resume(with: .failure(.shutdown)) }
    }

    func cancel(_ ticket: TransferTicket) {
        state.withLock { state in
            guard state.open else { return }
            state.mail.cancels.append(ticket)
            curl_multi_wakeup(multi)
        }
    }

    /// Asks the loop to stop and waits until it has exited; later submissions fail with `.shutdown`.
    func stop(cancelInFlight: Bool) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            if !postStop(cancelInFlight: cancelInFlight, waiter: waiter) { waiter.resume() }
        }
    }

    /// Asks the loop to stop without waiting (used when the transport is dropped unshut).
    func requestStop(cancelInFlight: Bool) {
        _ = postStop(cancelInFlight: cancelInFlight, waiter: nil)
    }

    /// `false` when the loop has already exited. A later request may upgrade an earlier
    /// graceful stop to a cancelling one, never the other way round.
    private func postStop(cancelInFlight: Bool, waiter: CheckedContinuation<Void, Never>?) -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            state.accepting = false
            let cancel = cancelInFlight || (state.mail.stop?.cancelInFlight ?? false)
            state.mail.stop = Stop(cancelInFlight: cancel)
            if let waiter { state.exitWaiters.append(waiter) }
            curl_multi_wakeup(multi)
            return true
        }
    }

    /// Called by the loop thread: everything posted since the last call.
    func take() -> Mail {
        state.withLock { state in
            defer { state.mail = Mail(stop: state.mail.stop) }
            return state.mail
        }
    }

    /// Called by the loop thread as it exits, before it frees the multi handle. Returns the
    /// tickets that never started and the shutdown waiters, for the loop to resume afterwards.
    func close() -> (unstarted: [TransferTicket], waiters: [CheckedContinuation<Void, Never>]) {
        state.withLock { state in
            state.open = false
            state.accepting = false
            defer {
                state.mail = Mail()
                state.exitWaiters = []
            }
            return (state.mail.starts, state.exitWaiters)
        }
    }
}
