/// A JSON value whose objects keep their key order, so responses read like Canvas's and
/// `/__sim/state` is stable. Rendering can turn ids into strings the way Canvas does for
/// `Accept: application/json+canvas-string-ids`.
enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

extension JSON {
    static func string(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    static func int(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }
    static func timestamp(_ value: Timestamp?) -> JSON { value.map { .string($0.iso8601) } ?? .null }
}

// MARK: - Serialisation

extension JSON {
    /// Serialises compactly. With `stringIds`, integer values under `id` and keys ending in
    /// `_id`, and integer elements of arrays under keys ending in `_ids`, become strings
    /// (Canvas's `stringify_json_ids`).
    func serialized(stringIds: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, stringIds: stringIds, idKey: false, idsKey: false)
        return out
    }

    var text: String { String(decoding: serialized(), as: UTF8.self) }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private func write(into out: inout [UInt8], stringIds: Bool, idKey: Bool, idsKey: Bool) {
        switch self {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b): out.append(contentsOf: b ? JSON.trueBytes : JSON.falseBytes)
        case .int(let i):
            if stringIds && idKey {
                out.append(34); out.append(contentsOf: String(i).utf8); out.append(34)
            } else {
                out.append(contentsOf: String(i).utf8)
            }
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
                out.append(contentsOf: String(Int(d)).utf8); out.append(contentsOf: [46, 48])
            } else if d.isFinite {
                out.append(contentsOf: String(d).utf8)
            } else {
                out.append(contentsOf: [110, 117, 108, 108])
            }
        case .string(let s): JSON.writeString(s, into: &out)
        case .array(let items):
            out.append(91)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(44) }
                item.write(into: &out, stringIds: stringIds, idKey: idsKey, idsKey: false)
            }
            out.append(93)
        case .object(let members):
            out.append(123)
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(44) }
                JSON.writeString(key, into: &out)
                out.append(58)
                let isId = stringIds && (key == "id" || key.hasSuffix("_id"))
                let isIds = stringIds && key.hasSuffix("_ids")
                value.write(into: &out, stringIds: stringIds, idKey: isId, idsKey: isIds)
            }
            out.append(125)
        }
    }

    /// Copies runs that need no escaping in bulk; this is the serialiser's hot loop.
    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(34)
        var s = string
        s.withUTF8 { buf in
            var start = 0
            for i in 0..<buf.count {
                let byte = buf[i]
                guard byte == 34 || byte == 92 || byte < 32 else { continue }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                switch byte {
                case 34: out.append(contentsOf: [92, 34])
                case 92: out.append(contentsOf: [92, 92])
                case 10: out.append(contentsOf: [92, 110])
                case 13: out.append(contentsOf: [92, 114])
                case 9: out.append(contentsOf: [92, 116])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
                start = i + 1
            }
            if start < buf.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<buf.count])) }
        }
        out.append(34)
    }
}

// MARK: - Parsing

/// Decodes any JSON document; objects come back in the decoder's key order, which request
/// handling never depends on.
struct AnyJSON: Decodable {
    let value: JSON

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let b = try? container.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            value = .int(i)
        } else if let d = try? container.decode(Double.self) {
            value = .double(d)
        } else if let s = try? container.decode(String.self) {
            value = .string(s)
        } else if let a = try? container.decode([AnyJSON].self) {
            value = .array(a.map(\.value))
        } else {
            let o = try container.decode([String: AnyJSON].self)
            value = .object(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) })
        }
    }
}
