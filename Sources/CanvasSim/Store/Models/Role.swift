/// A role: one of the built-in roles every root account has, or a custom role with a label
/// on top of a base type.
public struct Role: Codable, Equatable, Sendable {
    public var id: Int
    public var accountId: Int
    /// For built-ins the type name (`StudentEnrollment`, `AccountAdmin`); for custom roles the label.
    public var name: String
    public var label: String
    /// One of the enrollment types, or `AccountMembership` for admin roles.
    public var baseRoleType: String
    /// `built_in` | `active` | `inactive`
    public var workflowState: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case id, name, label
        case accountId = "account_id", baseRoleType = "base_role_type", workflowState = "workflow_state"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    public var isBuiltIn: Bool { workflowState == "built_in" }
    public var isCourseRole: Bool { baseRoleType != "AccountMembership" }

    /// (name, label, base type) of the built-in roles, in Canvas's order.
    static let builtIns: [(String, String, String)] = [
        ("AccountAdmin", "Account Admin", "AccountMembership"),
        ("StudentEnrollment", "Student", "StudentEnrollment"),
        ("TeacherEnrollment", "Teacher", "TeacherEnrollment"),
        ("TaEnrollment", "TA", "TaEnrollment"),
        ("DesignerEnrollment", "Designer", "DesignerEnrollment"),
        ("ObserverEnrollment", "Observer", "ObserverEnrollment"),
    ]
}
