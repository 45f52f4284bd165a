extension YAML {
    /// A file's bytes as text, or a located error at the first byte that is not UTF-8.
    ///
    /// On an error the text still comes back, each invalid sequence replaced by U+FFFD, so the
    /// diagnostic can show its line. Lines and columns are counted as libyaml and `SourceLines`
    /// count them: after a leading byte order mark, in characters.
    public static func text(of bytes: [UInt8], file: String) -> (text: String, error: Diagnostic?) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // Shown as the UTF-16 it is, so the excerpt reads as the user's text.
            let littleEndian = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i in
                littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            let start = SourceLocation(line: 1, column: 1)
            let range = SourceRange(file: file, start: start, end: start)
            return (
                String(decoding: units, as: UTF16.self),
                .error("not UTF-8 text: the file is UTF-16 (save it as UTF-8)", at: range)
            )
        }
        let offset = firstInvalidOffset(bytes)
        let start = location(ofByte: offset, in: bytes)
        let range = SourceRange(file: file, start: start, end: SourceLocation(line: start.line, column: start.column + 1))
        let byte = offset < bytes.count ? bytes[offset] : 0
        let repaired = String(decoding: bytes, as: UTF8.self)
        return (repaired, .error("not UTF-8 text: invalid byte 0x\(hex(byte)) (save the file as UTF-8)", at: range))
    }

    /// Where the first ill-formed sequence starts (the end when there is none).
    private static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    /// The line and column of a byte offset in a valid UTF-8 prefix.
    private static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        var line = 1, column = 1
        var scalars = prefix.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default: column += 1
            }
            previous = scalar
        }
        return SourceLocation(line: line, column: column)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
