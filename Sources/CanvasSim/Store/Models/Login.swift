/// A login (Canvas's pseudonym): the unique id a user signs in with, and the carrier of the
/// user's `sis_user_id`.
public struct Login: Codable, Equatable, Sendable {
    public var id: Int
    public var userId: Int
    public var accountId: Int
    public var uniqueId: String
    public var sisUserId: String?
    public var integrationId: String?
    public var authenticationProviderId: Int?
    /// `active` | `suspended` | `deleted`
    public var workflowState: String
    public var declaredUserType: String?
    public var createdAt: Timestamp
    /// The last SIS import that created or updated this login (Canvas's `sis_batch_id`).
    public var sisImportId: Int? = nil
    /// `unique_id`/`workflow_state` changed through the API.
    public var stuckSisFields: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id
        case userId = "user_id", accountId = "account_id", uniqueId = "unique_id", sisUserId = "sis_user_id"
        case integrationId = "integration_id", authenticationProviderId = "authentication_provider_id"
        case workflowState = "workflow_state", declaredUserType = "declared_user_type", createdAt = "created_at"
        case sisImportId = "sis_import_id", stuckSisFields = "stuck_sis_fields"
    }
}

/// A communication channel; the sim keeps email channels only.
public struct CommunicationChannel: Codable, Equatable, Sendable {
    public var id: Int
    public var userId: Int
    public var type: String
    public var address: String
    /// `unconfirmed` | `active` | `retired`
    public var workflowState: String
    public var position: Int
    public var createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case id, type, address, position
        case userId = "user_id", workflowState = "workflow_state", createdAt = "created_at"
    }
}

/// An authentication provider of the root account (`canvas`, `saml`, `google`, `ldap`, …).
public struct AuthenticationProvider: Codable, Equatable, Sendable {
    public var id: Int
    public var accountId: Int
    public var authType: String
    public var position: Int

    enum CodingKeys: String, CodingKey {
        case id, position
        case accountId = "account_id", authType = "auth_type"
    }
}

/// An API access token; `userId` is who `self` means for requests made with it.
public struct AccessToken: Codable, Equatable, Sendable {
    public var token: String
    public var userId: Int?

    public init(token: String, userId: Int? = nil) {
        self.token = token
        self.userId = userId
    }

    enum CodingKeys: String, CodingKey {
        case token
        case userId = "user_id"
    }
}
