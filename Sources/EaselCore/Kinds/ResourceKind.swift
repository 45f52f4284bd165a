/// Everything easel knows about one kind of Canvas object, in one folder under `Kinds/`:
/// its typed attributes, how the planner diffs it, what a precondition reads of it live,
/// how the API carries its operations out, whether and how a SIS import can, and how the
/// plan names it. The generic stages (plan, verify, apply, SIS import, render) ask the kind
/// through `PlanOperation.Kind.resource`, whose exhaustive switch is the one registration a
/// new kind needs; this protocol is the list of what it must provide.
protocol ResourceKind {
    associatedtype Attribute: PlanAttribute

    /// Adds the kind's creates, updates and withdraws for the config, in config order.
    static func plan(_ builder: PlanDraft)
    /// Withdraws that wait for the enrollments' (courses pruned, sections removed); most
    /// kinds have none.
    static func planRemovals(_ builder: PlanDraft)
    /// The live values of the attributes an operation's precondition may name.
    static func liveValues(of op: PlanOperation, in view: LiveView) -> PlanValues
    /// Carries the operation out through the REST API.
    static func run(_ op: PlanOperation, on runner: CanvasOperationRunner, _ resolved: ResolvedIds) async throws
        -> OperationOutcome
    /// nil when a SIS import can carry the operation out exactly as the API would; else why not.
    static func sisReason(_ op: PlanOperation, _ context: SISContext) -> String?
    /// The operation's rows in the kind's SIS CSV (two for an enrollment replace).
    static func sisRows(_ op: PlanOperation, _ builder: SISCSVBuilder) -> [[String?]]
    /// How a plan line names the operation's object: `course 2026F-MATH101`.
    static func subject(_ op: PlanOperation) -> String
}

extension ResourceKind {
    static func planRemovals(_ builder: PlanDraft) {}
    static func subject(_ op: PlanOperation) -> String { "\(op.kind.rawValue) \(op.id)" }
}

extension PlanOperation.Kind {
    /// The kind's one registration: what easel knows about it.
    var resource: any ResourceKind.Type {
        switch self {
        case .term: TermKind.self
        case .course: CourseKind.self
        case .section: SectionKind.self
        case .user: UserKind.self
        case .enrollment: EnrollmentKind.self
        }
    }

    /// The kind's attributes by their JSON names, in display order.
    var attributeNames: [String] { resource.attributeNames }
}

extension ResourceKind {
    static var attributeNames: [String] { Attribute.allCases.map(\.rawValue) }
}
