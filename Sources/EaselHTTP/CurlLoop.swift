internal import CCurl

/// The event loop that owns the multi handle and every easy handle.
///
/// Not `Sendable`: after `init` it is touched only from the loop thread, inside `run()`.
/// Other threads reach it solely through `CurlInbox`.
final class CurlLoop {
    private let multi: UnsafeMutableRawPointer
    private let inbox: CurlInbox
    private let configuration: CurlTransport.Configuration
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var activeByTicket: [UInt64: UnsafeMutableRawPointer] = [:]
    /// Reset easy handles kept for the next requests; live connections sit in the multi's cache.
    private var idleHandles: [UnsafeMutableRawPointer] = []

    init(multi: UnsafeMutableRawPointer, inbox: CurlInbox, configuration: CurlTransport.Configuration) {
        self.multi = multi
        self.inbox = inbox
        self.configuration = configuration
    }

    /// Runs until a stop request is seen and no transfer is left, then frees every handle.
    func run() {
        var stop: CurlInbox.Stop?
        while true {
            let mail = inbox.take()
            for ticket in mail.starts { start(ticket) }
            for ticket in mail.cancels { finish(ticketID: ticket.id, with: .failure(.cancelled)) }
            if let requested = mail.stop { stop = requested }
            if let stop {
                if stop.cancelInFlight {
                    for id in Array(activeByTicket.keys) { finish(ticketID: id, with: .failure(.cancelled)) }
                }
                if active.isEmpty { break }
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectCompleted()
            if stop != nil && active.isEmpty { break }
            // Sleeps until a socket is ready, a curl timer is due or `curl_multi_wakeup`.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        tearDown()
    }

    private func start(_ ticket: TransferTicket) {
        guard !ticket.isCancelled else {
            ticket.resume(with: .failure(.cancelled))
            return
        }
        guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
            ticket.resume(with: .failure(HTTPTransportError(.other, "curl_easy_init failed", requestSent: false)))
            return
        }
        let transfer = CurlTransfer(ticket: ticket, easy: easy, configuration: configuration)
        if let problem = transfer.configure(configuration) {
            discard(transfer)
            ticket.resume(with: .failure(HTTPTransportError(.invalidRequest, problem, requestSent: false)))
            return
        }
        let code = curl_multi_add_handle(multi, easy)
        guard code == CURLM_OK else {
            discard(transfer)
            let message = String(cString: curl_multi_strerror(code))
            ticket.resume(with: .failure(HTTPTransportError(.other, message, requestSent: false)))
            return
        }
        active[easy] = transfer
        activeByTicket[ticket.id] = easy
    }

    private func collectCompleted() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = active[easy]
            else { continue }
            let result = transfer.result(code: easel_curl_msg_result(message))
            finish(ticketID: transfer.ticket.id, with: result)
        }
    }

    /// Takes the transfer out of the multi handle (aborting it if still running),
    /// frees what curl borrowed, then answers the caller.
    private func finish(ticketID: UInt64, with result: Result<HTTPResponse, HTTPTransportError>) {
        guard let easy = activeByTicket.removeValue(forKey: ticketID),
            let transfer = active.removeValue(forKey: easy)
        else { return }
        _ = curl_multi_remove_handle(multi, easy)
        discard(transfer)
        transfer.ticket.resume(with: result)
    }

    private func discard(_ transfer: CurlTransfer) {
        transfer.release()
        if idleHandles.count < max(4, configuration.maxConnectionsPerHost * 2) {
            curl_easy_reset(transfer.easy)
            idleHandles.append(transfer.easy)
        } else {
            curl_easy_cleanup(transfer.easy)
        }
    }

    private func tearDown() {
        let (unstarted, waiters) = inbox.close()
        for handle in idleHandles { curl_easy_cleanup(handle) }
        idleHandles = []
        curl_multi_cleanup(multi)
        for ticket in unstarted { ticket.resume(with: .failure(.shutdown)) }
        for waiter in waiters { waiter.resume() }
    }
}
