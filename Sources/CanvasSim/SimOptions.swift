/// How to start a simulator.
public struct SimOptions: Sendable {
    /// 0 picks a free port. The server binds 127.0.0.1 only.
    public var port: Int = 0
    /// Where the journal lives; nil keeps everything in memory.
    public var dataDirectory: String?
    /// Bearer tokens accepted besides those a seed defines.
    public var tokens: [String] = ["sim-token"]
    /// Loaded at start when the store is fresh (no journal yet), or always with `reseed`.
    public var seed: SimSeed?
    /// Replace an existing journal's state with `seed` at start.
    public var reseed = false
    /// Latency, faults and throttling; changeable at run time.
    public var runtime = RuntimeConfig()
    /// Seeds the fault/latency randomness so a test run is repeatable; nil = random.
    public var faultSeed: UInt64?
    /// Install SIGINT/SIGTERM handlers that shut the server down gracefully (the executable).
    public var handleSignals = false

    public init() {}
}

/// The settings that `/__sim/config` reads and changes while the server runs.
public struct RuntimeConfig: Codable, Equatable, Sendable {
    /// Added to every API request, outside any lock.
    public var latencyMs: Int = 0
    /// Up to this much more, uniformly random.
    public var jitterMs: Int = 0
    /// Share of API requests answered 500/502/503 before any work is done.
    public var faultRate: Double = 0
    /// Share of API writes whose work is done and whose response is then never sent.
    public var dropRate: Double = 0
    public var throttle = ThrottleSettings()
    /// SIS imports and reports work in chunks of this many rows, one store transaction each…
    public var bulkChunkRows = 200
    /// …and pause this long between chunks, so a large import takes visible time (its
    /// progress moves) and API requests interleave with it.
    public var bulkChunkDelayMs = 10
    /// API paths starting with one of these answer as Canvas does when the token's user lacks
    /// the permission: 401 `user not authorized to perform that action`, no WWW-Authenticate.
    public var unauthorizedPaths: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case latencyMs = "latency_ms", jitterMs = "jitter_ms", faultRate = "fault_rate", dropRate = "drop_rate", throttle
        case bulkChunkRows = "bulk_chunk_rows", bulkChunkDelayMs = "bulk_chunk_delay_ms"
        case unauthorizedPaths = "unauthorized_paths"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RuntimeConfig()
        latencyMs = try c.decodeIfPresent(Int.self, forKey: .latencyMs) ?? d.latencyMs
        jitterMs = try c.decodeIfPresent(Int.self, forKey: .jitterMs) ?? d.jitterMs
        faultRate = try c.decodeIfPresent(Double.self, forKey: .faultRate) ?? d.faultRate
        dropRate = try c.decodeIfPresent(Double.self, forKey: .dropRate) ?? d.dropRate
        throttle = try c.decodeIfPresent(ThrottleSettings.self, forKey: .throttle) ?? d.throttle
        bulkChunkRows = max(1, try c.decodeIfPresent(Int.self, forKey: .bulkChunkRows) ?? d.bulkChunkRows)
        bulkChunkDelayMs = max(0, try c.decodeIfPresent(Int.self, forKey: .bulkChunkDelayMs) ?? d.bulkChunkDelayMs)
        unauthorizedPaths = try c.decodeIfPresent([String].self, forKey: .unauthorizedPaths) ?? d.unauthorizedPaths
    }
}

/// Canvas's leaky bucket, per token. Defaults are Canvas's code defaults.
///
/// Cost model: a request's real cost is `costPerRequest` plus `costPerSecond` times the
/// seconds it spent in the simulator (injected latency included: it stands for server time).
/// Canvas charges CPU + database seconds, which is why one client at a time can never fill
/// the bucket faster than it leaks; at the defaults (0 + 1/s) the same holds here. Raise
/// `costPerRequest` to make parallel clients hit the limit quickly in tests.
public struct ThrottleSettings: Codable, Equatable, Sendable {
    public var enabled = true
    /// 429, as hosted Canvas answers since its 2025-10 API change, or 403 (older and
    /// self-hosted instances: `app/middleware/request_throttle.rb` without
    /// `request_throttle.send_429_response`).
    public var status = 429
    /// Answer a throttled request as a proxy or load balancer would: a bare 429 without
    /// Canvas's `Rate Limit Exceeded` text or rate-limit headers (`status` is ignored).
    public var bare = false
    /// Send `Retry-After: N` with every throttled response (Canvas itself sends none).
    public var retryAfterSeconds: Int?
    public var maximum = 800.0
    public var highWaterMark = 600.0
    /// Units leaked per second.
    public var outflow = 10.0
    /// Reserved while a request is in flight, credited back when its real cost is charged.
    public var upFrontCost = 50.0
    public var costPerRequest = 0.0
    public var costPerSecond = 1.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, status, bare, maximum, outflow
        case retryAfterSeconds = "retry_after_seconds"
        case highWaterMark = "high_water_mark", upFrontCost = "up_front_cost"
        case costPerRequest = "cost_per_request", costPerSecond = "cost_per_second"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ThrottleSettings()
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        status = try c.decodeIfPresent(Int.self, forKey: .status) ?? d.status
        bare = try c.decodeIfPresent(Bool.self, forKey: .bare) ?? d.bare
        retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? d.retryAfterSeconds
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum) ?? d.maximum
        highWaterMark = try c.decodeIfPresent(Double.self, forKey: .highWaterMark) ?? d.highWaterMark
        outflow = try c.decodeIfPresent(Double.self, forKey: .outflow) ?? d.outflow
        upFrontCost = try c.decodeIfPresent(Double.self, forKey: .upFrontCost) ?? d.upFrontCost
        costPerRequest = try c.decodeIfPresent(Double.self, forKey: .costPerRequest) ?? d.costPerRequest
        costPerSecond = try c.decodeIfPresent(Double.self, forKey: .costPerSecond) ?? d.costPerSecond
    }
}
