extension Sequence where Element: Sendable {
    /// `body` over every element with at most `width` running at once; results in input order.
    ///
    /// The Canvas client's limiter is what bounds requests in flight; `width` only keeps a
    /// 5,000-course read from parking 5,000 tasks on it at once.
    func concurrentMap<Result: Sendable>(
        width: Int, _ body: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        let items = Array(self)
        guard !items.isEmpty else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                let i = next
                let item = items[i]
                group.addTask { (i, try await body(item)) }
                next += 1
            }
            let initial = Swift.min(Swift.max(1, width), items.count)
            while next < initial { start() }
            while let (i, result) = try await group.next() {
                results[i] = result
                if next < items.count { start() }
            }
            return results.map { $0! }
        }
    }
}
