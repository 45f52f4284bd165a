/// A course's attributes in a plan; `state` is what a withdraw records, `exists` what a
/// precondition reads.
public enum CourseAttribute: String, PlanAttribute {
    case sisId = "sis_id", name, code, term, account, published, state, start, end, exists
}
