/// Escaping for URL path segments, as `lib/api.rb` (`sis_parse_id`) reads them back.
public enum CanvasPath {
    /// UTF-8 percent-escaping for one path segment: only `A-Z a-z 0-9 - _ ~` stay literal, so
    /// `/` becomes `%2F` and `.` becomes `%2E` (Rails would read `.json` as a format suffix).
    /// `CS/101.11é` → `CS%2F101%2E11%C3%A9`.
    public static func escapeSegment(_ value: String) -> String {
        percentEscape(value) { byte in isUnreserved(byte) && byte != UInt8(ascii: ".") }
    }

    /// `hex:sis_course_id:41424331` for `ABC1`: the value's UTF-8 bytes as hex, which no proxy alters.
    public static func hexForm(_ kind: SISKind, _ value: String) -> String {
        "hex:\(kind.rawValue):" + value.utf8.map { hexByte($0) }.joined()
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    static func percentEscape(_ value: String, keeping keep: (UInt8) -> Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if keep(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hexByte(byte)
            }
        }
        return out
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
