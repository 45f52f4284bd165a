/// One kind's attributes, as its plan operations compare and set them: an enum per kind,
/// whose raw values are the stable names the plan's JSON uses (`docs/plan-json.md`).
///
/// Operations store values under those names (`PlanOperation.before`, `after`, `expect`);
/// code reads and writes them through a kind's enum, so a misspelt or foreign attribute
/// does not compile.
public protocol PlanAttribute: RawRepresentable<String>, Hashable, Sendable, CaseIterable {}

/// Values by typed attribute, stored under their JSON names.
public typealias PlanValues = [String: PlanValue]

extension Dictionary where Key == String, Value == PlanValue {
    /// `[.name: .string("Algebra")]` as stored: `["name": "Algebra"]`.
    public init<A: PlanAttribute>(_ typed: [A: PlanValue]) {
        self.init(uniqueKeysWithValues: typed.map { ($0.key.rawValue, $0.value) })
    }

    public subscript<A: PlanAttribute>(_ key: A) -> PlanValue? {
        get { self[key.rawValue] }
        set { self[key.rawValue] = newValue }
    }
}

extension PlanOperation {
    /// Before/after maps of the attributes whose values differ; nil when none does.
    static func diff<A: PlanAttribute>(_ pairs: [(A, PlanValue, PlanValue)]) -> (before: PlanValues, after: PlanValues)? {
        var before: PlanValues = [:], after: PlanValues = [:]
        for (attribute, old, new) in pairs where old != new {
            before[attribute] = old
            after[attribute] = new
        }
        return after.isEmpty ? nil : (before, after)
    }
}

/// What a precondition reads of any kind's object: whether it exists, and its workflow
/// state. Each kind's enum has these names too; this one is for code that serves every kind.
public enum CommonAttribute: String, PlanAttribute {
    case exists, state
}
