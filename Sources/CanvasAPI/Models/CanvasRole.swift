/// A role: built-in or custom, account-level or course-level (`app/controllers/role_overrides_controller.rb`).
public struct CanvasRole: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var label: String?
    /// Deprecated alias of `label`.
    public var role: String?
    /// `AccountMembership`, or the enrollment type a course role is based on.
    public var baseRoleType: String?
    /// `active`, `inactive` or `built_in`.
    public var workflowState: String?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}
