/// An enrollment's attributes in a plan: its state, and for a replace the section or role
/// that changes.
public enum EnrollmentAttribute: String, PlanAttribute {
    case state, section, role, exists
}
