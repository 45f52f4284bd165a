@testable import CanvasAPI
import EaselHTTP
import Testing

@Suite("Paged reads over loopback HTTP")
struct ClientPagingTests {
    struct Item: Decodable, Sendable, Equatable {
        let id: CanvasID
        let name: String
    }

    @Test func thousandItemsByFollowingOpaqueNextLinks() async throws {
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                let items = try await client.list("/api/v1/items", of: Item.self)
                #expect(items.count == 1000)
                #expect(Set(items.map(\.id)).count == 1000)
                #expect(items.first == Item(id: "1", name: "item 1"))
                #expect(items.last?.id == "1000")
                #expect(client.metrics.requestsSent == 10, "1,000 items at per_page=100")
            }
        }
        #expect(canvas.perPageSeen == ["100"])
    }

    @Test func pagesAsAnAsyncSequence() async throws {
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                var sizes: [Int] = []
                for try await page in client.pages("/api/v1/items", of: Item.self) { sizes.append(page.count) }
                #expect(sizes == Array(repeating: 100, count: 10))
            }
        }
    }

    @Test func wrappedTermListAcrossPages() async throws {
        try await withTestServer(MiniCanvas().routes) { base in
            try await withClient(base) { client in
                let terms = try await client.terms(account: .id("1"))
                #expect(terms.map(\.id) == ["1", "2", "3"])
                #expect(terms[0].sisTermId == "T1")
                #expect(terms[0].startAt == CanvasJSON.parseDate("2026-09-01T06:00:00Z"))
                #expect(terms[0].overrides?["StudentEnrollment"]?.endAt == CanvasJSON.parseDate("2027-01-31T23:59:00Z"))
            }
        }
    }
}
