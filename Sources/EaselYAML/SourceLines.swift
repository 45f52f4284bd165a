/// A file's text split into lines the way libyaml counts them, so a diagnostic's line
/// number finds the line libyaml meant.
///
/// Breaks are LF, CR LF, CR, and U+0085, U+2028, U+2029; a leading byte order mark is
/// not part of line 1, as libyaml skips it.
struct SourceLines: Sendable {
    private let text: String
    /// The UTF-8 offset of each line's first byte and of the byte after its content.
    private let bounds: [(start: Int, end: Int)]

    init(_ text: String) {
        var text = text
        self.bounds = text.withUTF8 { bytes in
            var bounds: [(start: Int, end: Int)] = []
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var offset = start
            while offset < bytes.count {
                let breakLength: Int
                switch bytes[offset] {
                case 0x0A: breakLength = 1
                case 0x0D: breakLength = offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
                case 0xC2 where offset + 1 < bytes.count && bytes[offset + 1] == 0x85: breakLength = 2
                case 0xE2
                where offset + 2 < bytes.count && bytes[offset + 1] == 0x80
                    && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9):
                    breakLength = 3
                default:
                    offset += 1
                    continue
                }
                bounds.append((start, offset))
                offset += breakLength
                start = offset
            }
            bounds.append((start, bytes.count))
            return bounds
        }
        self.text = text
    }

    /// The content of a 1-based line, without its line break.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= bounds.count else { return nil }
        let (start, end) = bounds[number - 1]
        let utf8 = text.utf8
        return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }
}
