import Foundation

/// Canvas's Link-header pagination: ordinal pages (`page=3`, with or without `rel="last"`)
/// and opaque bookmark pages (`page=bookmark:…`, never `rel="last"`).
struct Pagination: Sendable {
    static let defaultPerPage = 10
    static let maxPerPage = 100

    /// Scheme, host and path of the request, e.g. `http://127.0.0.1:8080/api/v1/courses/1/enrollments`.
    var baseURL: String
    /// The original query pairs, raw, minus `page`, `per_page`, `access_token`, `api_key`.
    var keptQuery: [Substring]
    var perPage: Int
    var page: String?

    init(baseURL: String, rawQuery: String, params: Params) {
        self.baseURL = baseURL
        keptQuery = rawQuery.split(separator: "&").filter { pair in
            let key = PercentDecoding.decode(pair.split(separator: "=", maxSplits: 1).first ?? "", plusIsSpace: true)
            return !["page", "per_page", "access_token", "api_key"].contains(key)
        }
        if let n = params.int("per_page"), n > 0 {
            perPage = min(n, Pagination.maxPerPage)
        } else {
            perPage = Pagination.defaultPerPage
        }
        page = params.string("page")
    }

    func url(page: String) -> String {
        var query = keptQuery.joined(separator: "&")
        if !query.isEmpty { query += "&" }
        let encodedPage = page.addingPercentEncoding(withAllowedCharacters: Pagination.pageAllowed) ?? page
        return "\(baseURL)?\(query)page=\(encodedPage)&per_page=\(perPage)"
    }

    private static let pageAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-_.~:")
        return set
    }()

    static func linkHeader(_ links: [(String, String)]) -> String {
        links.map { "<\($0.1)>; rel=\"\($0.0)\"" }.joined(separator: ",")
    }

    // MARK: ordinal pages

    /// One ordinal page of `items`. `countTotal` false omits `rel="last"`, as Canvas does for
    /// collections whose total it does not compute.
    func ordinal<T>(_ items: [T], countTotal: Bool) -> (page: ArraySlice<T>, link: String) {
        let number = max(1, Int(page ?? "1") ?? 1)
        let start = (number - 1).multipliedReportingOverflow(by: perPage)
        let lower = start.overflow ? items.count : min(start.partialValue, items.count)
        let upper = min(lower + perPage, items.count)
        var links: [(String, String)] = [("current", url(page: String(number)))]
        if upper < items.count { links.append(("next", url(page: String(number + 1)))) }
        if number > 1 { links.append(("prev", url(page: String(number - 1)))) }
        links.append(("first", url(page: "1")))
        if countTotal {
            let last = max(1, (items.count + perPage - 1) / perPage)
            links.append(("last", url(page: String(last))))
        }
        return (items[lower..<upper], Pagination.linkHeader(links))
    }

    // MARK: bookmark pages

    /// One bookmarked page of `items`, which must be sorted by `key`. The next page starts
    /// strictly after the last item's key, so rows inserted meanwhile neither repeat nor shift.
    func bookmarked<T>(_ items: [T], descending: Bool = false, key: (T) -> BookmarkKey) -> (page: ArraySlice<T>, link: String) {
        var lower = 0
        if let page, page.hasPrefix("bookmark:"), let after = BookmarkKey(token: String(page.dropFirst(9))) {
            var lo = 0, hi = items.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let k = key(items[mid])
                if descending ? k >= after : k <= after { lo = mid + 1 } else { hi = mid }
            }
            lower = lo
        }
        let upper = min(lower + perPage, items.count)
        let currentPage = page.map { $0.hasPrefix("bookmark:") ? $0 : "first" } ?? "first"
        var links: [(String, String)] = [("current", url(page: currentPage))]
        if upper < items.count {
            links.append(("next", url(page: "bookmark:" + key(items[upper - 1]).token)))
        }
        links.append(("first", url(page: "first")))
        return (items[lower..<upper], Pagination.linkHeader(links))
    }
}

/// A sort position: compared component by component (ints numerically, strings by bytes).
struct BookmarkKey: Comparable, Sendable {
    enum Part: Comparable, Sendable {
        case int(Int)
        case string(String)
    }

    var parts: [Part]

    init(_ parts: [Part]) { self.parts = parts }

    static func < (a: BookmarkKey, b: BookmarkKey) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }

    /// Base64url of a JSON array, as Canvas's bookmarker writes it.
    var token: String {
        let json = JSON.array(parts.map { part in
            switch part {
            case .int(let i): return .int(i)
            case .string(let s): return .string(s)
            }
        })
        return BookmarkKey.base64url(json.serialized())
    }

    /// Unpadded base64url, written directly (Foundation's encoder plus three replacements
    /// showed up in profiles of paged listings).
    static func base64url(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        if i + 1 == bytes.count {
            let n = UInt32(bytes[i]) << 16
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)]]
        } else if i + 2 == bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    init?(token: String) {
        var b64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64),
              let decoded = try? JSONDecoder().decode(AnyJSON.self, from: data),
              case .array(let items) = decoded.value
        else { return nil }
        var parts: [Part] = []
        for item in items {
            switch item {
            case .int(let i): parts.append(.int(i))
            case .string(let s): parts.append(.string(s))
            default: return nil
            }
        }
        self.parts = parts
    }
}
