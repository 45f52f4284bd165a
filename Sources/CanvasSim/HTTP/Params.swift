/// One request parameter as Rails sees it after decoding a query string, a form body or a
/// JSON body: a string, null (JSON `null`), an array or a hash.
indirect enum Param: Equatable, Sendable {
    case string(String)
    case null
    case array([Param])
    case object([String: Param])

    init(json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .string(b ? "true" : "false")
        case .int(let i): self = .string(String(i))
        case .double(let d): self = .string(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(Param.init(json:)))
        case .object(let members): self = .object(Dictionary(members.map { ($0.0, Param(json: $0.1)) }, uniquingKeysWith: { $1 }))
        }
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// The merged parameters of one request (query first, then the body, which wins), with the
/// accessors Canvas's controllers use: nested keys, booleans in Rails's spellings, and arrays
/// that may also arrive as a bare string.
struct Params: Sendable {
    private(set) var root: [String: Param] = [:]

    init() {}

    init(form: String) {
        for pair in form.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentDecoding.decode(parts[0], plusIsSpace: true)
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusIsSpace: true) : ""
            insert(key: key, value: value)
        }
    }

    init(json: JSON) {
        if case .object(let members) = json {
            for (k, v) in members { root[k] = Param(json: v) }
        }
    }

    mutating func merge(_ other: Params) {
        for (k, v) in other.root { root[k] = Params.deepMerge(root[k], v) }
    }

    private static func deepMerge(_ a: Param?, _ b: Param) -> Param {
        if case .object(let ao)? = a, case .object(let bo) = b {
            var merged = ao
            for (k, v) in bo { merged[k] = deepMerge(ao[k], v) }
            return .object(merged)
        }
        return b
    }

    /// Inserts `a[b][]=v` style keys into the tree.
    mutating func insert(key: String, value: String) {
        var path: [String] = []
        if let open = key.firstIndex(of: "[") {
            path.append(String(key[..<open]))
            var rest = key[open...]
            while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
            }
        } else {
            path = [key]
        }
        guard let first = path.first, !first.isEmpty else { return }
        root[first] = Params.insert(into: root[first], path: path.dropFirst(), value: value)
    }

    private static func insert(into node: Param?, path: ArraySlice<String>, value: String) -> Param {
        guard let head = path.first else { return .string(value) }
        let rest = path.dropFirst()
        if head.isEmpty {
            var items: [Param] = []
            if case .array(let existing)? = node { items = existing }
            if let next = rest.first, !next.isEmpty, case .object(let last)? = items.last, last[next] == nil {
                items[items.count - 1] = insert(into: items.last, path: rest, value: value)
            } else {
                items.append(insert(into: nil, path: rest, value: value))
            }
            return .array(items)
        }
        var object: [String: Param] = [:]
        if case .object(let existing)? = node { object = existing }
        object[head] = insert(into: object[head], path: rest, value: value)
        return .object(object)
    }

    // MARK: accessors

    func value(_ path: [String]) -> Param? {
        guard let first = path.first, var node = root[first] else { return nil }
        for key in path.dropFirst() {
            guard case .object(let o) = node, let next = o[key] else { return nil }
            node = next
        }
        return node
    }

    func has(_ path: String...) -> Bool { value(path) != nil }

    /// The string at `path`; nil when absent, null, or not a scalar.
    func string(_ path: String...) -> String? { value(path)?.stringValue }

    /// Whether the key was sent, and its string (nil for JSON null or an empty-ish clear).
    func optionalString(_ path: String...) -> String?? {
        guard let v = value(path) else { return .none }
        switch v {
        case .string(let s): return .some(s)
        case .null: return .some(nil)
        default: return .some(nil)
        }
    }

    func object(_ path: String...) -> [String: Param]? {
        if case .object(let o)? = value(path) { return o }
        return nil
    }

    /// Rails's `value_to_boolean`: nil when absent or unrecognised.
    func bool(_ path: String...) -> Bool? {
        guard let s = value(path)?.stringValue else { return nil }
        return Params.boolean(s)
    }

    static func boolean(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "t", "yes", "y", "on", "1": return true
        case "false", "f", "no", "n", "off", "0": return false
        default: return nil
        }
    }

    /// `state[]=a&state[]=b`, or a bare `state=a`.
    func strings(_ path: String...) -> [String]? {
        guard let v = value(path) else { return nil }
        switch v {
        case .string(let s): return [s]
        case .array(let items): return items.compactMap(\.stringValue)
        case .null: return []
        case .object(let o): return o.keys.sorted().compactMap { o[$0]?.stringValue }
        }
    }

    func int(_ path: String...) -> Int? {
        guard let s = value(path)?.stringValue else { return nil }
        return Int(s.trimmingWhitespace())
    }

    /// The keys under a hash param, e.g. to tell whether `course[event]` came alone.
    func keys(_ path: String...) -> Set<String> {
        if case .object(let o)? = value(path) { return Set(o.keys) }
        return []
    }
}
