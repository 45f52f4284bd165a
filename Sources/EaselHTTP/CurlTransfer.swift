internal import CCurl
import Foundation

/// One request on one easy handle, from `curl_multi_add_handle` until the handle comes back.
///
/// Not `Sendable`: created, driven and released on the loop thread only. It owns what
/// libcurl reads in place rather than copying: the header list, the request body and the
/// error buffer, which stay alive until `release()` after the handle left the multi handle.
final class CurlTransfer {
    let ticket: TransferTicket
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let body: UnsafeMutableRawBufferPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let maxResponseBytes: Int
    private var responseHeaders = HTTPHeaders()
    private var responseBody: [UInt8] = []
    private var bodyTooLarge = false

    /// Configures `easy` for the ticket's request; the handle must be fresh or reset.
    init(ticket: TransferTicket, easy: UnsafeMutableRawPointer, configuration: CurlTransport.Configuration) {
        self.ticket = ticket
        self.easy = easy
        self.maxResponseBytes = configuration.maxResponseBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        if let bytes = ticket.request.body {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            body = buffer
        } else {
            body = nil
        }
    }

    /// Sets every option; returns a description of the first one libcurl refused.
    func configure(_ configuration: CurlTransport.Configuration) -> String? {
        let request = ticket.request
        var options = OptionSetter(easy: easy)
        options.set(CURLOPT_URL, request.url)
        options.set(CURLOPT_NOSIGNAL, 1)
        options.set(CURLOPT_PROTOCOLS_STR, "http,https")
        // Never follow a redirect to plain http: a `Location` could send the request (and a
        // custom Authorization header, which libcurl re-sends to the same host) in clear text.
        options.set(CURLOPT_REDIR_PROTOCOLS_STR, "https")
        options.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        options.set(CURLOPT_ACCEPT_ENCODING, "")
        options.set(CURLOPT_TCP_KEEPALIVE, 1)
        options.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        options.set(CURLOPT_TIMEOUT_MS, (request.timeout ?? configuration.requestTimeout).curlMilliseconds)
        options.set(CURLOPT_FOLLOWLOCATION, configuration.maxRedirects > 0 ? 1 : 0)
        options.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        options.set(CURLOPT_USERAGENT, configuration.userAgent)
        options.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)

        let context = Unmanaged.passUnretained(self).toOpaque()
        options.set(CURLOPT_WRITEFUNCTION, function: curlWriteBody)
        options.set(CURLOPT_WRITEDATA, pointer: context)
        options.set(CURLOPT_HEADERFUNCTION, function: curlWriteHeader)
        options.set(CURLOPT_HEADERDATA, pointer: context)

        switch request.method {
        case .get:
            options.set(CURLOPT_HTTPGET, 1)
        case .head:
            options.set(CURLOPT_NOBODY, 1)
        default:
            if request.method == .post {
                options.set(CURLOPT_POST, 1)
            } else {
                options.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            if body != nil || request.method != .delete {
                // Not copied by libcurl: `body` lives until `release()`.
                options.set(CURLOPT_POSTFIELDSIZE_LARGE, size: request.body?.count ?? 0)
                options.set(CURLOPT_POSTFIELDS, pointer: body?.baseAddress ?? emptyBody)
            }
        }
        // libcurl (7.88 and every version before 8.16's CURLOPT_FORBID_RETRY_ON_REUSE) silently
        // re-sends a request, whatever its method, when it went out on a reused keep-alive
        // connection and not one response byte came back (Curl_retry_request in transfer.c).
        // If the server had already done the work and only the response was lost, that is a
        // second create nobody asked for. A fresh connection is never "reused", so for
        // non-idempotent methods we take the cost of one connection setup and keep the retry
        // decision with the caller, who can read back before re-sending. The new connection
        // still joins the cache for later GETs. (HTTP/2 REFUSED_STREAM retries remain: the
        // server guarantees such a stream was not processed.)
        if !request.method.isIdempotent {
            options.set(CURLOPT_FRESH_CONNECT, 1)
        }

        // "Expect:" stops curl from sending `Expect: 100-continue` and waiting on larger bodies.
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for field in request.headers where !field.name.isEmpty {
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        headerList = list
        options.set(CURLOPT_HTTPHEADER, pointer: list)
        return options.firstFailure
    }

    fileprivate func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard responseBody.count + bytes.count <= maxResponseBytes else {
            bodyTooLarge = true
            return false
        }
        responseBody.append(contentsOf: bytes)
        return true
    }

    fileprivate func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var line = Substring(decoding: bytes, as: UTF8.self)
        while let last = line.last, last.isNewline { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            // A new status line: redirects and 1xx responses each bring their own headers.
            responseHeaders = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { responseHeaders.add(name: name, value: value) }
        }
    }

    /// The outcome once libcurl reported the transfer done with `code`.
    func result(code: CURLcode) -> Result<HTTPResponse, HTTPTransportError> {
        guard code == CURLE_OK else {
            var sent = 0
            _ = easel_curl_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &sent)
            if bodyTooLarge {
                return .failure(
                    HTTPTransportError(.responseTooLarge, "more than \(maxResponseBytes) bytes", requestSent: true))
            }
            return .failure(HTTPTransportError(curlCode: code, detail: errorText(code), requestSent: sent > 0))
        }
        var status = 0
        _ = easel_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: responseHeaders, body: responseBody))
    }

    private func errorText(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    /// Frees what libcurl borrowed; call only after the handle left the multi handle.
    func release() {
        curl_slist_free_all(headerList)
        headerList = nil
        body?.deallocate()
        errorBuffer.deallocate()
    }
}

/// Zero-length body for POST/PUT without one: libcurl needs a valid pointer with size 0.
nonisolated(unsafe) private let emptyBody = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

private let curlWriteBody: curl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    return transfer.appendBody(bytes) ? size * count : 0
}

private let curlWriteHeader: curl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

/// Typed `curl_easy_setopt` calls that remember the first option libcurl refused.
private struct OptionSetter {
    let easy: UnsafeMutableRawPointer
    private(set) var firstFailure: String?

    init(easy: UnsafeMutableRawPointer) {
        self.easy = easy
    }

    private mutating func check(_ code: CURLcode, _ option: CURLoption) {
        if code != CURLE_OK, firstFailure == nil {
            firstFailure = "curl option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))"
        }
    }

    mutating func set(_ option: CURLoption, _ value: Int) {
        check(easel_curl_easy_setopt_long(easy, option, value), option)
    }

    /// libcurl copies string options (`CURLOPT_POSTFIELDS` aside, which goes through `pointer:`).
    mutating func set(_ option: CURLoption, _ value: String) {
        let code = value.withCString { easel_curl_easy_setopt_pointer(easy, option, $0) }
        check(code, option)
    }

    mutating func set(_ option: CURLoption, size: Int) {
        check(easel_curl_easy_setopt_off_t(easy, option, curl_off_t(size)), option)
    }

    /// The pointee must outlive the transfer: libcurl keeps the pointer.
    mutating func set(_ option: CURLoption, pointer: UnsafeRawPointer?) {
        check(easel_curl_easy_setopt_pointer(easy, option, pointer), option)
    }

    mutating func set(_ option: CURLoption, function: curl_write_callback) {
        check(easel_curl_easy_setopt_write_function(easy, option, function), option)
    }
}
