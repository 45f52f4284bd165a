import Synchronization
internal import CCurl

/// `HTTPTransport` over libcurl's multi interface.
///
/// One dedicated thread owns the multi handle and every easy handle and loops on
/// `curl_multi_poll`; `send` posts a ticket to a locked inbox, wakes the loop with
/// `curl_multi_wakeup` and suspends until the loop resumes it, so no caller ever blocks a
/// thread of the cooperative pool. Connections are kept alive in the multi handle's cache
/// and reused (HTTP/1.1 keep-alive, HTTP/2 multiplexing where the server offers it over TLS).
///
/// Call `shutdown()` before the process exits.
public final class CurlTransport: HTTPTransport {
    private let inbox: CurlInbox
    private let thread: LoopThread
    private let nextID = Mutex<UInt64>(0)

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) throws {
        try CurlGlobal.initialize()
        guard let multi = curl_multi_init() else {
            throw HTTPTransportError(.other, "curl_multi_init failed", requestSent: false)
        }
        _ = easel_curl_multi_setopt_long(
            multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = easel_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let inbox = CurlInbox(multi: multi)
        let loop = CurlLoop(multi: multi, inbox: inbox, configuration: configuration)
        do {
            thread = try LoopThread(name: "curl loop") { loop.run() }
        } catch {
            curl_multi_cleanup(multi)
            throw error
        }
        self.inbox = inbox
        self.configuration = configuration
    }

    deinit {
        // Dropped without shutdown(): stop the loop, but don't block whoever released us.
        inbox.requestStop(cancelInFlight: true)
        thread.detach()
    }

    /// Makes `curl_global_init` happen now, e.g. first thing in `main`; later calls do nothing.
    public static func initializeGlobally() throws {
        try CurlGlobal.initialize()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let ticket = TransferTicket(id: nextID.withLock { $0 += 1; return $0 }, request: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard ticket.install(continuation) else {
                    continuation.resume(throwing: HTTPTransportError.cancelled)
                    return
                }
                inbox.submit(ticket)
            }
        } onCancel: {
            if ticket.markCancelled() { inbox.cancel(ticket) }
        }
    }

    /// Stops taking requests, lets in-flight ones finish (or cancels them), and joins the
    /// loop thread once it has freed every handle. Safe to call more than once.
    public func shutdown(cancellingInFlight: Bool = false) async {
        await inbox.stop(cancelInFlight: cancellingInFlight)
        // The loop has signalled its exit, so this join waits only for the thread to return.
        thread.join()
    }
}
