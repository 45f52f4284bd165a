import CanvasAPI

/// Why an operation could not be carried out, beyond Canvas's own refusals (which are
/// thrown as `CanvasError` with Canvas's message).
public struct OperationRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation's plan address: `course:2026F-MATH101-A`.
    public var address: String
    public var message: String

    public init(_ op: PlanOperation, _ message: String) {
        address = op.address
        self.message = message
    }

    /// The message alone: whoever prints it names the operation.
    public var description: String { message }

    static func unsupported(_ op: PlanOperation) -> OperationRunError {
        OperationRunError(
            op, "easel cannot \(op.action.rawValue) a \(op.kind.rawValue); this plan was not made by this version of easel")
    }

    static func missing(_ op: PlanOperation, _ what: String) -> OperationRunError {
        OperationRunError(op, "the operation lacks \(what); make the plan again")
    }

    /// The object's SIS id (or login) is taken in Canvas: the object exists already, most
    /// likely made by an apply after this plan was made.
    static func taken(_ op: PlanOperation, _ what: String, holder: String?, _ error: CanvasError) -> OperationRunError {
        let owner = holder.map { " by \(op.kind.rawValue) \($0)" } ?? ""
        return OperationRunError(
            op,
            "\(what) is already taken in Canvas\(owner), which this plan did not expect (was it applied already?): "
                + "make the plan again (canvas said: \(error.message))")
    }

    /// Canvas created the object but silently dropped its SIS id: the token lacks `manage_sis`.
    static func sisIdDropped(_ op: PlanOperation, canvasId: String) -> OperationRunError {
        OperationRunError(
            op,
            "canvas created \(op.kind.rawValue) \(canvasId) but ignored its SIS id '\(op.id)', which happens when the token "
                + "lacks the manage_sis permission: use a token of an admin with 'Manage SIS data', then give the "
                + "\(op.kind.rawValue) its SIS id in Canvas (or delete it) and apply again")
    }

    static func unknownRole(_ op: PlanOperation, _ role: String, account: CanvasRef) -> OperationRunError {
        OperationRunError(
            op,
            "canvas has no active course role '\(role)' in account \(account) or its parents: create it in Canvas "
                + "(Account → Permissions → Course roles) with that exact label, or change the config's roles")
    }
}
