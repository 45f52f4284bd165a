/// An ordered set of operations that brings live Canvas to the config, and what it was made for.
public struct Plan: Sendable, Codable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion = Plan.currentFormatVersion
    public var easelVersion: String
    /// ISO 8601, UTC.
    public var createdAt: String
    public var canvasUrl: String
    public var account: String
    /// SHA-256 of the config files, so a saved plan names the config it came from.
    public var configHash: String
    /// `--target` ids; a plan with targets is partial.
    public var targets: [String] = []
    /// The config's `policy.notify` and `policy.user_key`, which applying the plan needs.
    public var notify = false
    public var userKey = Policy.UserKey.sisId
    public var operations: [PlanOperation] = []
    public var warnings: [String] = []

    public init(easelVersion: String, createdAt: String, canvasUrl: String, account: String, configHash: String) {
        self.easelVersion = easelVersion
        self.createdAt = createdAt
        self.canvasUrl = canvasUrl
        self.account = account
        self.configHash = configHash
    }

    public var isEmpty: Bool { operations.isEmpty }

    public struct Summary: Sendable, Codable, Equatable {
        public var create = 0, update = 0, withdraw = 0, replace = 0

        public init(create: Int = 0, update: Int = 0, withdraw: Int = 0, replace: Int = 0) {
            (self.create, self.update, self.withdraw, self.replace) = (create, update, withdraw, replace)
        }

        /// Counts actions as summaries do everywhere (the plan, apply's completion line):
        /// adopt and reactivate are updates, since they change an object that exists.
        public init(counting actions: some Sequence<PlanOperation.Action>) {
            self.init()
            for action in actions {
                switch action {
                case .create: create += 1
                case .update, .adopt, .reactivate: update += 1
                case .conclude, .inactivate, .delete: withdraw += 1
                case .replace: replace += 1
                }
            }
        }

        /// `Plan: 12 to create, 3 to update, 40 to withdraw, 0 to replace.`
        public var line: String {
            "Plan: \(create) to create, \(update) to update, \(withdraw) to withdraw, \(replace) to replace."
        }
    }

    public var summary: Summary { Summary(counting: operations.map(\.action)) }
}

/// Why a plan cannot be made: safety limits and Canvas constraints, each with what to do.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
}
