internal import CCurl

extension HTTPTransportError {
    /// Classifies a libcurl failure by what it means for re-sending the request.
    init(curlCode code: CURLcode, detail: String, requestSent: Bool) {
        let message = "\(detail) (curl \(code.rawValue))"
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            self.init(.connectionFailed, message, requestSent: false)
        case CURLE_OPERATION_TIMEDOUT:
            self.init(.timedOut, message, requestSent: requestSent)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            self.init(.tls, message, requestSent: requestSent)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            self.init(.connectionDropped, message, requestSent: requestSent)
        case CURLE_TOO_MANY_REDIRECTS:
            self.init(.tooManyRedirects, message, requestSent: true)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            self.init(.invalidRequest, message, requestSent: false)
        default:
            self.init(.other, message, requestSent: requestSent)
        }
    }
}
