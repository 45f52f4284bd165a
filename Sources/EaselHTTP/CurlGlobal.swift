internal import CCurl

/// One `curl_global_init` per process, before the first handle exists.
///
/// Swift runs a global's initializer exactly once, under a lock, so this is safe from any
/// thread even where libcurl's own init is not (it is only thread-safe from 7.84 when built so).
enum CurlGlobal {
    private static let result: CURLcode = easel_curl_global_init_all()

    static func initialize() throws(HTTPTransportError) {
        guard result == CURLE_OK else {
            throw HTTPTransportError(
                .other, "curl_global_init failed: \(String(cString: curl_easy_strerror(result)))",
                requestSent: false)
        }
    }
}
