import Foundation

/// RFC 8288 `Link` header parsing, enough for Canvas's pagination (`lib/api.rb`, `paginate`; Canvas's API docs, "Pagination").
enum LinkHeader {
    /// The target of `rel="next"` across every `Link` field, or nil on the last page.
    /// Entries are split on commas outside `<…>`; URLs are returned untouched (opaque).
    static func next(in values: [String]) -> String? {
        for value in values {
            for entry in entries(value) where entry.relations.contains("next") {
                return entry.url
            }
        }
        return nil
    }

    private static func entries(_ value: String) -> [(url: String, relations: [String])] {
        var result: [(String, [String])] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let url = String(rest[rest.index(after: open)..<close])
            let afterURL = rest[rest.index(after: close)...]
            let paramsEnd = afterURL.firstIndex(of: "<").map { start in
                afterURL[..<start].lastIndex(of: ",") ?? start
            } ?? afterURL.endIndex
            result.append((url, relations(in: afterURL[..<paramsEnd])))
            rest = afterURL[paramsEnd...]
        }
        return result
    }

    /// The space-separated values of `rel=` (quoted or not), lowercased.
    private static func relations(in parameters: Substring) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\","))
            return value.lowercased().split(separator: " ").map(String.init)
        }
        return []
    }
}
