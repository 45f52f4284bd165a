/// A section's attributes in a plan; `course` is set on a create only.
public enum SectionAttribute: String, PlanAttribute {
    case name, start, end, course, exists
}
