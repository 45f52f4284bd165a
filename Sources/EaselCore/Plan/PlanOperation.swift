/// One change a plan makes, with what it expects to find and what it needs first.
///
/// Operations are self-contained: `apply` needs nothing but the operation and the
/// results of the operations it depends on.
public struct PlanOperation: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        case create, update, adopt, reactivate, replace
        case conclude, inactivate, delete

        /// conclude, inactivate and delete take something away.
        public var isWithdraw: Bool { self == .conclude || self == .inactivate || self == .delete }

        /// The plan's symbol for the action.
        public var symbol: String {
            switch self {
            case .create: "+"
            case .update, .adopt: "~"
            case .reactivate: "↻"
            case .replace: "-/+"
            case .conclude, .inactivate, .delete: "-"
            }
        }
    }

    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case term, course, section, user, enrollment

        /// Creates and updates run in this order; withdraws in reverse.
        public var order: Int { Kind.allCases.firstIndex(of: self)! }
        public static func < (a: Kind, b: Kind) -> Bool { a.order < b.order }
    }

    /// Unique within the plan: `course:2026F-MATH101`, `enrollment:C/S1001/student/-`.
    public var address: String
    public var action: Action
    public var kind: Kind
    /// The object's key: its SIS id (or login), or for an enrollment `course/user/role[/section]`.
    public var id: String
    public var canvasId: String?
    /// The live values the operation changes (nil for a create).
    public var before: [String: PlanValue]?
    /// The values the operation sets (nil for a withdraw).
    public var after: [String: PlanValue]?
    public var reason: String?
    /// Addresses of the operations that must succeed first.
    public var dependsOn: [String] = []
    /// Live values that must still hold when a saved plan is applied.
    public var expect: [String: PlanValue]?

    // What the operation needs to run, by key and (when it exists already) Canvas id.
    public var course: String?
    public var courseCanvasId: String?
    public var section: String?
    public var sectionCanvasId: String?
    public var user: String?
    public var userCanvasId: String?
    public var role: String?
    public var observing: String?
    public var observingCanvasId: String?
    /// Revive a deleted object that still holds this SIS id (`enable_sis_reactivation`).
    public var revive: Bool?
    /// For an enrollment replace or re-enroll: the Canvas id of the enrollment it replaces.
    public var replaces: String?

    public init(address: String, action: Action, kind: Kind, id: String) {
        self.address = address
        self.action = action
        self.kind = kind
        self.id = id
    }

    /// Names of the attributes that change, in the order the kind declares them.
    public var changedAttributes: [String] {
        let keys = Set((before ?? [:]).keys).union((after ?? [:]).keys)
        let order = kind.attributeNames
        return keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }
}
