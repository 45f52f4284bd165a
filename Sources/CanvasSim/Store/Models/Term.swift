/// An enrollment term of the root account.
public struct Term: Codable, Equatable, Sendable {
    public var id: Int
    public var rootAccountId: Int
    public var name: String?
    public var sisTermId: String?
    public var integrationId: String?
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    /// `active` | `deleted`
    public var workflowState: String
    /// The root account's "Default Term": cannot be deleted.
    public var isDefault: Bool
    /// Per enrollment type (`StudentEnrollment`, …): dates that replace the term's.
    public var overrides: [String: DateRange]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case id, name, overrides
        case rootAccountId = "root_account_id", sisTermId = "sis_term_id", integrationId = "integration_id"
        case startAt = "start_at", endAt = "end_at", workflowState = "workflow_state", isDefault = "default"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct DateRange: Codable, Equatable, Sendable {
    public var startAt: Timestamp?
    public var endAt: Timestamp?

    public init(startAt: Timestamp? = nil, endAt: Timestamp? = nil) {
        self.startAt = startAt
        self.endAt = endAt
    }

    enum CodingKeys: String, CodingKey {
        case startAt = "start_at", endAt = "end_at"
    }
}
