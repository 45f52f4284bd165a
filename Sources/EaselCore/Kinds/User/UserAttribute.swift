/// A user's attributes in a plan (the login's: `sis_id`, `login`, `auth_provider`).
public enum UserAttribute: String, PlanAttribute {
    case sisId = "sis_id", name, login, email, sortableName = "sortable_name", authProvider = "auth_provider", state, exists
}
