/// An account: the root (id 1, no parent) or a sub-account.
public struct Account: Codable, Equatable, Sendable {
    public var id: Int
    public var name: String
    public var parentAccountId: Int?
    public var rootAccountId: Int?
    public var sisAccountId: String?
    public var integrationId: String?
    /// `active` | `deleted`
    public var workflowState: String
    public var uuid: String
    public var defaultTimeZone: String
    public var createdAt: Timestamp

    /// The last SIS import that created or updated this object (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// Sticky fields changed through the API, which SIS imports leave alone unless they
    /// override stickiness (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, uuid
        case parentAccountId = "parent_account_id", rootAccountId = "root_account_id"
        case sisAccountId = "sis_account_id", integrationId = "integration_id"
        case workflowState = "workflow_state", defaultTimeZone = "default_time_zone", createdAt = "created_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
    }

    public var isRoot: Bool { parentAccountId == nil }
}
