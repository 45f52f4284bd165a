import EaselHTTP

/// How to find out whether a write whose response was lost took effect.
public struct ReadBack<Value: Sendable>: Sendable {
    let find: @Sendable () async throws -> Value?
    let settles: @Sendable (CanvasError) -> Bool

    /// - Parameters:
    ///   - settles: which refusals of a re-sent write may be our own earlier attempt
    ///     (default: the SIS id is taken); those are resolved by `find` too.
    ///   - find: the object if it exists, nil if not (404 → nil).
    public init(
        settles: @escaping @Sendable (CanvasError) -> Bool = { $0.isSISIdTaken },
        find: @escaping @Sendable () async throws -> Value?
    ) {
        self.find = find
        self.settles = settles
    }
}

extension CanvasClient {
    /// A write (usually a create) that is never blindly re-sent.
    ///
    /// When the response is lost (5xx, timeout or dropped connection after the request went
    /// out), the client runs `readBack`: if the object is there, that is the result; if not,
    /// the write is sent again. A re-sent write refused as a duplicate (`SIS ID "X" is already
    /// in use`) is settled by `readBack` too. Without `readBack` a lost write throws a
    /// `CanvasError` with `outcomeUnknown`.
    ///
    /// A read-back can only see a write the server has finished; a write still running
    /// server-side when its response was lost may be missed and sent again. Objects with a
    /// SIS id then come back "already in use" and are settled by the second read-back.
    public func write<T: Decodable & Sendable>(
        _ method: HTTPMethod, _ path: String, query: FormFields = FormFields(), body: CanvasBody?,
        readBack: ReadBack<T>?, as type: T.Type = T.self
    ) async throws -> T {
        let request = CanvasRequest(method: method, url: url(path, query: query), body: body)
        var uncertain = false
        var attempts = 0
        while true {
            attempts += 1
            if uncertain, let found = try await settle(with: readBack) { return found }
            do {
                return try decode(T.self, from: try await perform(request), for: request)
            } catch let error as CanvasError where error.outcomeUnknown {
                guard readBack != nil, attempts < configuration.retry.maxAttempts else { throw error }
                uncertain = true
                try await pauseBeforeRetry(configuration.retry.failureDelay(attempt: attempts))
            } catch let error as CanvasError where uncertain && (readBack?.settles(error) ?? false) {
                if let found = try await settle(with: readBack) { return found }
                throw error
            }
        }
    }

    private func settle<T>(with readBack: ReadBack<T>?) async throws -> T? {
        guard let readBack else { return nil }
        counters.withLock { $0.readBacks += 1 }
        return try await readBack.find()
    }

    /// `get`, with 404 as nil: the shape a `ReadBack` needs.
    public func find<T: Decodable>(_ path: String, query: FormFields = FormFields(), as type: T.Type = T.self)
        async throws -> T?
    {
        do {
            return try await get(path, query: query, as: T.self)
        } catch let error as CanvasError where error.kind == .notFound {
            return nil
        }
    }
}
