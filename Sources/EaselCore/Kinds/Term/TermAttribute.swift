/// A term's attributes in a plan; `exists` and `state` are read by preconditions only.
public enum TermAttribute: String, PlanAttribute {
    case name, state, start, end, exists
}
