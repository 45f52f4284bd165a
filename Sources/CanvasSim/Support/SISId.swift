import Foundation

/// The SIS-id prefixes Canvas accepts in path ids and id-valued params (`api_find`).
enum SISKind: String, Sendable, CaseIterable {
    case account = "sis_account_id"
    case course = "sis_course_id"
    case section = "sis_section_id"
    case term = "sis_term_id"
    case user = "sis_user_id"
    case login = "sis_login_id"
    case integration = "sis_integration_id"
}

/// An object reference as a client wrote it: a Canvas id, `<sis prefix>:<value>`, `self`, or
/// a keyword such as `default`/`current` that only some resources understand.
enum IdRef: Equatable, Sendable {
    case id(Int)
    case sis(SISKind, String)
    case selfRef
    case keyword(String)
    case invalid

    /// Parses an already percent-decoded id. Bare digit strings (at most 19) are always Canvas
    /// ids; SIS values are stripped; `hex:sis_…:<hex bytes>` is decoded as UTF-8.
    init(_ raw: String) {
        var text = raw
        if text.hasPrefix("hex:") {
            let rest = text.dropFirst(4)
            guard let colon = rest.firstIndex(of: ":") else { self = .invalid; return }
            let prefix = rest[..<colon]
            let hex = Array(rest[rest.index(after: colon)...].utf8)
            guard prefix.hasPrefix("sis_") || prefix.hasPrefix("lti_"), !hex.isEmpty, hex.count % 2 == 0,
                  let bytes = IdRef.decodeHex(hex), let value = String(validating: bytes, as: UTF8.self)
            else { self = .invalid; return }
            text = "\(prefix):\(value)"
        }
        if let colon = text.firstIndex(of: ":") {
            let prefix = String(text[..<colon])
            guard let kind = SISKind(rawValue: prefix) else { self = .invalid; return }
            let value = text[text.index(after: colon)...].trimmingWhitespace()
            self = value.isEmpty ? .invalid : .sis(kind, value)
            return
        }
        if !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let id = Int(text) {
            self = .id(id)
        } else if text == "self" {
            self = .selfRef
        } else if text.isEmpty {
            self = .invalid
        } else {
            self = .keyword(text)
        }
    }

    private static func decodeHex(_ hex: [UInt8]) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        var out: [UInt8] = []
        var i = 0
        while i < hex.count {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Percent-decoding of one path segment or form component (`+` is a space only in forms).
enum PercentDecoding {
    static func decode(_ text: Substring, plusIsSpace: Bool) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(37) || (plusIsSpace && bytes.contains(43)) else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 37, i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(plusIsSpace && c == 43 ? 32 : c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
