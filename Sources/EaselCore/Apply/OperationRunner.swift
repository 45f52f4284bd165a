/// Carries out one plan operation against Canvas (or a stand-in in tests).
///
/// The apply engine calls `run` once per operation, in plan order, after every operation in
/// `dependsOn` has succeeded, and records each outcome in the `ResolvedIds` it passes to the
/// next ones. A runner never re-plans: it does what the operation says, reads back what a
/// lost response hides, and throws when Canvas refuses.
public protocol OperationRunner: Sendable {
    func run(_ op: PlanOperation, resolved: ResolvedIds) async throws -> OperationOutcome
}

/// Canvas ids that earlier operations created or found, by object kind and key.
///
/// Keys are the plan's: SIS ids (or logins) for terms, courses, sections and users, and
/// `course/user/role[/section]` for enrollments. User keys also match case-insensitively,
/// since a login-keyed plan writes a user's login as given but enrollments lowercase it.
public struct ResolvedIds: Sendable, Equatable {
    private var ids: [Key: String] = [:]
    private var usersFolded: [String: String] = [:]

    private struct Key: Hashable, Sendable {
        var kind: PlanOperation.Kind
        var key: String
    }

    public init() {}

    public subscript(kind: PlanOperation.Kind, key: String) -> String? {
        if let id = ids[Key(kind: kind, key: key)] { return id }
        return kind == .user ? usersFolded[key.lowercased()] : nil
    }

    public mutating func set(_ kind: PlanOperation.Kind, _ key: String, canvasId: String) {
        ids[Key(kind: kind, key: key)] = canvasId
        if kind == .user { usersFolded[key.lowercased()] = canvasId }
    }

    /// Remembers the Canvas id `outcome` reports for `op`'s object.
    public mutating func record(_ op: PlanOperation, _ outcome: OperationOutcome) {
        if let id = outcome.canvasId ?? op.canvasId { set(op.kind, op.id, canvasId: id) }
    }

    public var count: Int { ids.count }
}

/// What one operation did in Canvas.
public struct OperationOutcome: Sendable, Equatable {
    /// The Canvas id of the object created or changed: for a replace, the new enrollment.
    public var canvasId: String?
    /// What Canvas did beyond the operation itself (a revived object, a follow-up publish).
    public var notes: [String]

    public init(canvasId: String?, notes: [String] = []) {
        self.canvasId = canvasId
        self.notes = notes
    }
}
