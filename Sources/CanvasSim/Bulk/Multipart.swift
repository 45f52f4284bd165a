/// A file sent in a multipart form field.
struct UploadedFile: Sendable {
    var filename: String?
    var contentType: String?
    var data: [UInt8]
}

/// `multipart/form-data` (RFC 7578): text fields become parameters, parts with a filename
/// become files.
enum Multipart {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var data: ArraySlice<UInt8>
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type.
    static func boundary(_ contentType: String) -> String? {
        for piece in contentType.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingWhitespace().lowercased() == "boundary" else { continue }
            var value = kv[1].trimmingWhitespace()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        guard var start = find(delimiter, in: body, from: 0) else { return [] }
        while true {
            var p = start + delimiter.count
            // "--" after the delimiter ends the body.
            if p + 1 < body.count && body[p] == 0x2D && body[p + 1] == 0x2D { break }
            // Skip transport padding and the CRLF.
            while p < body.count && (body[p] == 0x20 || body[p] == 0x09) { p += 1 }
            if p + 1 < body.count && body[p] == 0x0D && body[p + 1] == 0x0A { p += 2 } else if p < body.count && body[p] == 0x0A { p += 1 }
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: p) else { break }
            let headerText = String(decoding: body[p..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find([0x0D, 0x0A] + delimiter, in: body, from: contentStart) else { break }
            var part = Part(name: "", filename: nil, contentType: nil, data: body[contentStart..<next])
            for line in headerText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingWhitespace().lowercased()
                let value = line[line.index(after: colon)...].trimmingWhitespace()
                if key == "content-disposition" {
                    part.name = attribute("name", in: value) ?? ""
                    part.filename = attribute("filename", in: value)
                } else if key == "content-type" {
                    part.contentType = value
                }
            }
            if !part.name.isEmpty { parts.append(part) }
            start = next + 2
        }
        return parts
    }

    /// `name="x"` (quoted, with `\"` escapes) or `name=x` inside a header value.
    static func attribute(_ name: String, in header: String) -> String? {
        let chars = Array(header)
        var i = 0
        while i < chars.count {
            // Find `name=` at a parameter boundary.
            var j = i
            while j < chars.count && (chars[j] == " " || chars[j] == ";") { j += 1 }
            var k = j
            while k < chars.count && chars[k] != "=" && chars[k] != ";" { k += 1 }
            let key = String(chars[j..<k]).trimmingWhitespace().lowercased()
            guard k < chars.count, chars[k] == "=" else { i = k + 1; continue }
            var v = k + 1
            var value = ""
            if v < chars.count && chars[v] == "\"" {
                v += 1
                while v < chars.count && chars[v] != "\"" {
                    if chars[v] == "\\" && v + 1 < chars.count { v += 1 }
                    value.append(chars[v])
                    v += 1
                }
                v += 1
            } else {
                while v < chars.count && chars[v] != ";" { value.append(chars[v]); v += 1 }
                value = value.trimmingWhitespace()
            }
            if key == name { return value }
            i = v
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = from
        let last = hay.count - needle.count
        let first = needle[0]
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
