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

    /// The last SIS import that created or updated this object (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// Sticky fields changed through the API, which SIS imports leave alone unless they
    /// override stickiness (Canvas's `stuck_sis_fields`).
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, overrides
        case rootAccountId = "root_account_id", sisTermId = "sis_term_id", integrationId = "integration_id"
        case startAt = "start_at", endAt = "end_at", workflowState = "workflow_state", isDefault = "default"
        case createdAt = "created_at", updatedAt = "updated_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
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

    /// Seeds are decoded with `convertFromSnakeCase`, which turns `start_at` into `startAt`
    /// before matching keys; accept both spellings.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        func value(_ names: String...) throws -> Timestamp? {
            for n in names where c.contains(AnyKey(stringValue: n)) {
                return try c.decodeIfPresent(Timestamp.self, forKey: AnyKey(stringValue: n))
            }
            return nil
        }
        startAt = try value("start_at", "startAt")
        endAt = try value("end_at", "endAt")
    }
}
