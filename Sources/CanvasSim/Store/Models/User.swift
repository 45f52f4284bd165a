/// A person. Logins (pseudonyms) and email channels are separate records.
public struct User: Codable, Equatable, Sendable {
    public var id: Int
    public var name: String
    public var shortName: String
    public var sortableName: String
    /// `pre_registered` | `registered` | `deleted`
    public var workflowState: String
    public var locale: String?
    public var timeZone: String?
    public var uuid: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Name fields changed through the API (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, locale, uuid
        case shortName = "short_name", sortableName = "sortable_name", workflowState = "workflow_state"
        case timeZone = "time_zone", createdAt = "created_at", updatedAt = "updated_at"
        case stuckSisFields = "stuck_sis_fields"
    }

    /// Canvas's default sortable name: "Jane Doe" → "Doe, Jane".
    static func sortable(from name: String) -> String {
        let parts = name.trimmingWhitespace().split(separator: " ")
        guard parts.count > 1 else { return name.trimmingWhitespace() }
        return "\(parts.last!), \(parts.dropLast().joined(separator: " "))"
    }

    /// First and last names as Canvas derives them from the sortable name.
    var firstLast: (String, String) {
        if let comma = sortableName.firstIndex(of: ",") {
            return (sortableName[sortableName.index(after: comma)...].trimmingWhitespace(), sortableName[..<comma].trimmingWhitespace())
        }
        return (sortableName, "")
    }
}
