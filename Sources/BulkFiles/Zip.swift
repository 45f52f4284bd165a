import CZlib

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip entries carry it.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// Raw deflate (zip method 8) through zlib.
public enum Deflate {
    public enum Failure: Error, CustomStringConvertible {
        case zlib(String, Int32)
        case tooLarge

        public var description: String {
            switch self {
            case .zlib(let what, let code): return "zlib \(what) failed (\(code))"
            case .tooLarge: return "inflated data is larger than declared"
            }
        }
    }

    /// Inflates a raw deflate stream whose inflated size is `expected` (from the zip
    /// directory); more output than that is an error, so a lying archive cannot blow up memory.
    public static func inflate(_ input: ArraySlice<UInt8>, expected: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard easel_inflate_init_raw(&stream) == Z_OK else { throw Failure.zlib("inflateInit", -1) }
        defer { inflateEnd(&stream) }
        // Deflate expands at most about 1032:1, so a small entry claiming a huge size (a hostile
        // archive's directory) gets the buffer its bytes can fill, not the size it claims.
        let possible = input.count.multipliedReportingOverflow(by: 1032).partialValue + 1024
        var output = [UInt8](repeating: 0, count: min(max(expected, 1), max(possible, 1)) + 1)
        let status: Int32 = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw status == Z_OK || status == Z_BUF_ERROR ? Failure.tooLarge : Failure.zlib("inflate", status)
        }
        let produced = Int(stream.total_out)
        guard produced <= expected else { throw Failure.tooLarge }
        output.removeLast(output.count - produced)
        return output
    }

    public static func deflate(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        guard easel_deflate_init_raw(&stream, level) == Z_OK else { throw Failure.zlib("deflateInit", -1) }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound + 16)
        let status: Int32 = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure.zlib("deflate", status) }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }
}

/// Reads a zip archive from memory: the central directory, then each entry's data, stored
/// (method 0) or deflated (method 8). No zip64, no encryption, no multi-disk archives.
public enum ZipReader {
    public struct Entry: Sendable {
        public var name: String
        public var data: [UInt8]
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notAZip
        case truncated
        case unsupported(String)
        case badEntry(String, String)

        public var description: String {
            switch self {
            case .notAZip: return "not a zip file"
            case .truncated: return "the zip file is truncated"
            case .unsupported(let what): return "unsupported zip feature: \(what)"
            case .badEntry(let name, let why): return "\(name): \(why)"
            }
        }
    }

    /// Whether the bytes start like a zip (a local header or an empty archive's end record).
    public static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6)
    }

    /// Every file entry (directories skipped), in directory order. `limit` caps the total
    /// inflated size.
    public static func read(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [Entry] {
        func u16(_ at: Int) throws -> Int {
            guard at + 2 <= bytes.count else { throw Failure.truncated }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int {
            guard at + 4 <= bytes.count else { throw Failure.truncated }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        // The end-of-central-directory record sits in the last 22 + 65535 bytes.
        guard bytes.count >= 22 else { throw Failure.notAZip }
        var eocd = -1
        var i = bytes.count - 22
        let stop = max(0, bytes.count - 22 - 65535)
        while i >= stop {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 5 && bytes[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure.notAZip }
        let count = try u16(eocd + 10)
        let directorySize = try u32(eocd + 12)
        let directoryOffset = try u32(eocd + 16)
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF { throw Failure.unsupported("zip64") }
        guard directoryOffset + directorySize <= bytes.count else { throw Failure.truncated }

        var entries: [Entry] = []
        var total = 0
        var p = directoryOffset
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw Failure.truncated }
            let flags = try u16(p + 8)
            let method = try u16(p + 10)
            let crc = UInt32(try u32(p + 16))
            let compressed = try u32(p + 20)
            let size = try u32(p + 24)
            let nameLength = try u16(p + 28)
            let extraLength = try u16(p + 30)
            let commentLength = try u16(p + 32)
            let localOffset = try u32(p + 42)
            guard p + 46 + nameLength <= bytes.count else { throw Failure.truncated }
            let nameBytes = Array(bytes[(p + 46)..<(p + 46 + nameLength)])
            // Bit 11: UTF-8 names; older tools write CP437, which for ASCII names is the same.
            let name = String(decoding: nameBytes, as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            if flags & 1 != 0 { throw Failure.badEntry(name, "encrypted entries are not supported") }
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF { throw Failure.unsupported("zip64") }

            guard try u32(localOffset) == 0x0403_4B50 else { throw Failure.badEntry(name, "bad local header") }
            let start = localOffset + 30 + (try u16(localOffset + 26)) + (try u16(localOffset + 28))
            guard start + compressed <= bytes.count else { throw Failure.truncated }
            total += size
            guard total <= limit else { throw Failure.badEntry(name, "the archive inflates to more than \(limit) bytes") }
            let raw = bytes[start..<(start + compressed)]
            let data: [UInt8]
            switch method {
            case 0:
                guard compressed == size else { throw Failure.badEntry(name, "stored entry sizes disagree") }
                data = Array(raw)
            case 8:
                do {
                    data = try Deflate.inflate(raw, expected: size)
                } catch {
                    throw Failure.badEntry(name, "\(error)")
                }
                guard data.count == size else { throw Failure.badEntry(name, "inflated size differs from the directory") }
            default:
                throw Failure.badEntry(name, "compression method \(method) is not supported")
            }
            guard CRC32.checksum(data) == crc else { throw Failure.badEntry(name, "CRC mismatch") }
            entries.append(Entry(name: name, data: data))
        }
        return entries
    }
}

/// Writes a zip archive in memory, entries stored or deflated.
public struct ZipWriter: Sendable {
    public enum Method: Sendable { case stored, deflated }

    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8], method: Method = .stored) throws {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let payload = method == .deflated ? try Deflate.deflate(data) : data
        let code: UInt16 = method == .deflated ? 8 : 0
        let offset = body.count
        // 1980-01-01 00:00 in DOS time/date.
        let time: UInt16 = 0, date: UInt16 = 0x21
        var local: [UInt8] = []
        Self.put32(&local, 0x0403_4B50)
        Self.put16(&local, 20)            // version needed
        Self.put16(&local, 0x0800)        // UTF-8 names
        Self.put16(&local, code)
        Self.put16(&local, time); Self.put16(&local, date)
        Self.put32(&local, crc)
        Self.put32(&local, UInt32(payload.count)); Self.put32(&local, UInt32(data.count))
        Self.put16(&local, UInt16(nameBytes.count)); Self.put16(&local, 0)
        body += local
        body += nameBytes
        body += payload

        var central: [UInt8] = []
        Self.put32(&central, 0x0201_4B50)
        Self.put16(&central, 20)          // version made by
        Self.put16(&central, 20)
        Self.put16(&central, 0x0800)
        Self.put16(&central, code)
        Self.put16(&central, time); Self.put16(&central, date)
        Self.put32(&central, crc)
        Self.put32(&central, UInt32(payload.count)); Self.put32(&central, UInt32(data.count))
        Self.put16(&central, UInt16(nameBytes.count))
        Self.put16(&central, 0); Self.put16(&central, 0)   // extra, comment
        Self.put16(&central, 0); Self.put16(&central, 0)   // disk, internal attributes
        Self.put32(&central, 0)                            // external attributes
        Self.put32(&central, UInt32(offset))
        directory += central
        directory += nameBytes
        count += 1
    }

    /// The finished archive.
    public func bytes() -> [UInt8] {
        var out = body
        out += directory
        var end: [UInt8] = []
        Self.put32(&end, 0x0605_4B50)
        Self.put16(&end, 0); Self.put16(&end, 0)
        Self.put16(&end, UInt16(count)); Self.put16(&end, UInt16(count))
        Self.put32(&end, UInt32(directory.count))
        Self.put32(&end, UInt32(body.count))
        Self.put16(&end, 0)
        out += end
        return out
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) {
        out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8))
    }

    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
}
