import Foundation
import Hummingbird
import NIOCore

/// `/__sim/*`: state, seeding, reset, request counts, run-time config and the clock. No
/// auth, no throttle, no latency, no faults; the server listens on loopback only.
enum HarnessRoutes {
    static func respond(_ request: Request, segments: ArraySlice<Substring>, core: SimCore) async -> Response {
        let method = request.method.rawValue
        let path = segments.joined(separator: "/")
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 1 << 30)
        } catch {
            return json(["error": "could not read body: \(error)"], status: 400)
        }
        let data = Data(buffer: body)
        let query = Params(form: request.uri.query ?? "")
        do {
            switch (method, path) {
            case ("GET", "state"):
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return raw(try encoder.encode(core.store.snapshot))
            case ("POST", "seed"):
                let mode = SeedMode(rawValue: query.string("mode") ?? "replace") ?? .replace
                let seed = try SimSeed.decode(data)
                let summary = try core.loadSeed(seed, mode: mode)
                return encodable(summary)
            case ("POST", "reset"):
                try core.reset()
                return json(["reset": "ok"])
            case ("GET", "requests"):
                return encodable(core.stats.withLock { $0 })
            case ("POST", "requests/reset"):
                core.stats.withLock { $0 = RequestStats() }
                return json(["reset": "ok"])
            case ("GET", "config"):
                return encodable(core.config.withLock { $0 })
            case ("POST", "config"):
                // A partial object: absent keys keep their current values.
                let current = core.config.withLock { $0 }
                let merged = try mergeJSON(current, patch: data)
                core.config.withLock { $0 = merged }
                if let seed = query.string("fault_seed").flatMap(UInt64.init) { core.faults.reseed(seed) }
                return encodable(merged)
            case ("GET", "clock"):
                return clockJSON(core)
            case ("POST", "clock"):
                let patch = try JSONDecoder().decode(ClockPatch.self, from: data.isEmpty ? Data("{}".utf8) : data)
                try core.store.transaction { s in
                    if let now = patch.now {
                        guard let t = Timestamp(iso8601: now) else { throw APIError.badRequest("bad time '\(now)'") }
                        s.clock.fixed = t
                    } else if patch.reset == true || patch.nowIsNull {
                        s.clock.fixed = nil
                    }
                    if let offset = patch.offsetSeconds { s.clock.offsetSeconds = offset }
                    if patch.reset == true { s.clock = SimClock() }
                }
                return clockJSON(core)
            default:
                return json(["error": "no harness endpoint \(method) /__sim/\(path)"], status: 404)
            }
        } catch let error as SeedError {
            return json(["error": error.description], status: 400)
        } catch {
            return json(["error": "\(error)"], status: 400)
        }
    }

    struct ClockPatch: Decodable {
        var now: String?
        var nowIsNull = false
        var offsetSeconds: Int64?
        var reset: Bool?

        enum CodingKeys: String, CodingKey {
            case now, reset
            case offsetSeconds = "offset_seconds"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            now = try c.decodeIfPresent(String.self, forKey: .now)
            nowIsNull = c.contains(.now) && now == nil
            offsetSeconds = try c.decodeIfPresent(Int64.self, forKey: .offsetSeconds)
            reset = try c.decodeIfPresent(Bool.self, forKey: .reset)
        }
    }

    static func clockJSON(_ core: SimCore) -> Response {
        let clock = core.store.transaction { $0.clock }
        return json([
            "now": clock.now.iso8601, "fixed": clock.fixed?.iso8601 ?? "null", "offset_seconds": String(clock.offsetSeconds),
        ])
    }

    /// Overlays the keys present in `patch` on `current`.
    static func mergeJSON(_ current: RuntimeConfig, patch: Data) throws -> RuntimeConfig {
        let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(current)) as? [String: Any] ?? [:]
        let overlay = try JSONSerialization.jsonObject(with: patch.isEmpty ? Data("{}".utf8) : patch) as? [String: Any] ?? [:]
        func merge(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
            var out = a
            for (k, v) in b {
                if let bv = v as? [String: Any], let av = a[k] as? [String: Any] { out[k] = merge(av, bv) } else { out[k] = v }
            }
            return out
        }
        let merged = try JSONSerialization.data(withJSONObject: merge(base, overlay))
        return try JSONDecoder().decode(RuntimeConfig.self, from: merged)
    }

    static func encodable<T: Encodable>(_ value: T) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return raw((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    static func json(_ object: [String: String], status: Int = 200) -> Response {
        let body = JSON.object(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value == "null" ? .null : .string($0.value)) })
        return raw(Data(body.serialized()), status: status)
    }

    static func raw(_ data: Data, status: Int = 200) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
