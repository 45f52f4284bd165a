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

        /// `Plan: 12 to create, 3 to update, 40 to withdraw, 0 to replace.`
        public var line: String {
            "Plan: \(create) to create, \(update) to update, \(withdraw) to withdraw, \(replace) to replace."
        }
    }

    /// Adopt and reactivate count as updates: they change an object that exists.
    public var summary: Summary {
        var s = Summary()
        for op in operations {
            switch op.action {
            case .create: s.create += 1
            case .update, .adopt, .reactivate: s.update += 1
            case .conclude, .inactivate, .delete: s.withdraw += 1
            case .replace: s.replace += 1
            }
        }
        return s
    }
}

/// Why a plan cannot be made: safety limits and Canvas constraints, each with what to do.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
}
