import EaselHTTP
import Foundation

/// The pages of one Canvas listing, fetched lazily by following `rel="next"` links.
///
/// `for try await page in client.pages(…)` handles one page at a time;
/// `client.list(…)` collects them all.
public struct CanvasPages<Item: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = [Item]

    let client: CanvasClient
    let first: CanvasRequest
    /// For listings wrapped in an object: `enrollment_terms`, `sis_imports`.
    let wrapperKey: String?

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, next: first, wrapperKey: wrapperKey)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: CanvasClient
        var next: CanvasRequest?
        let wrapperKey: String?

        public mutating func next() async throws -> [Item]? {
            guard let request = next else { return nil }
            next = nil
            let response = try await client.perform(request)
            let items: [Item]
            if let wrapperKey {
                guard let list = try client.decode(Wrapped<Item>.self, from: response, for: request).items(wrapperKey)
                else {
                    throw CanvasError(
                        kind: .decoding, status: response.status, method: "GET", path: request.path,
                        message: "no '\(wrapperKey)' list in the response")
                }
                items = list
            } else {
                items = try client.decode([Item].self, from: response, for: request)
            }
            if let link = LinkHeader.next(in: response.headers.values(for: "Link")) {
                // The link goes out with our token, so it must point back at the same Canvas.
                guard client.base.owns(link) else {
                    throw CanvasError(
                        kind: .unexpected, status: response.status, method: "GET", path: request.path,
                        message: "pagination link leads off \(client.origin); not following it")
                }
                next = CanvasRequest(method: .get, url: link, body: nil)
            }
            return items
        }
    }
}

/// `{"enrollment_terms": [...]}`: the list under one key, found whatever key strategy ran.
private struct Wrapped<Item: Decodable>: Decodable {
    let lists: [String: [Item]]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var lists: [String: [Item]] = [:]
        for key in container.allKeys {
            if let list = try? container.decode([Item].self, forKey: key) { lists[key.stringValue] = list }
        }
        self.lists = lists
    }

    /// Looks the key up as sent (`enrollment_terms`) and as converted (`enrollmentTerms`).
    func items(_ key: String) -> [Item]? {
        if let list = lists[key] { return list }
        let camel = key.split(separator: "_").enumerated()
            .map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
        return lists[camel]
    }
}

extension CanvasClient {
    /// The pages of `GET path?query&per_page=N`, following `rel="next"` until it is absent.
    public func pages<Item: Decodable & Sendable>(
        _ path: String, query: FormFields = FormFields(), wrappedIn wrapperKey: String? = nil,
        of type: Item.Type = Item.self
    ) -> CanvasPages<Item> {
        var query = query
        query.add("per_page", configuration.perPage)
        return CanvasPages(
            client: self, first: CanvasRequest(method: .get, url: url(path, query: query), body: nil),
            wrapperKey: wrapperKey)
    }

    /// Every item of the listing, all pages read.
    public func list<Item: Decodable & Sendable>(
        _ path: String, query: FormFields = FormFields(), wrappedIn wrapperKey: String? = nil,
        of type: Item.Type = Item.self
    ) async throws -> [Item] {
        var items: [Item] = []
        for try await page in pages(path, query: query, wrappedIn: wrapperKey, of: Item.self) {
            items += page
        }
        return items
    }
}
