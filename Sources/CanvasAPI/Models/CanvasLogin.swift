import Foundation

/// A login (pseudonym) of a user (`app/controllers/pseudonyms_controller.rb`).
public struct CanvasLogin: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var userId: CanvasID?
    public var accountId: CanvasID?
    public var uniqueId: String?
    public var sisUserId: String?
    public var integrationId: String?
    public var authenticationProviderId: CanvasID?
    public var authenticationProviderType: String?
    /// `active` or `suspended`.
    public var workflowState: String?
    public var declaredUserType: String?
    public var createdAt: Date?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}

/// `PUT /accounts/:id/logins/:id`. Sending no key at all is a 400 with a `null` body.
public struct LoginParams: Sendable, Equatable {
    public var uniqueId: String?
    public var password: String?
    /// Empty string clears it.
    public var sisUserId: String?
    public var integrationId: String?
    public var authenticationProviderId: String?
    /// `active` or `suspended`.
    public var workflowState: String?
    public var declaredUserType: String?

    public init(
        uniqueId: String? = nil, password: String? = nil, sisUserId: String? = nil, integrationId: String? = nil,
        authenticationProviderId: String? = nil, workflowState: String? = nil, declaredUserType: String? = nil
    ) {
        self.uniqueId = uniqueId
        self.password = password
        self.sisUserId = sisUserId
        self.integrationId = integrationId
        self.authenticationProviderId = authenticationProviderId
        self.workflowState = workflowState
        self.declaredUserType = declaredUserType
    }

    var form: FormFields {
        var form = FormFields()
        form.add("login[unique_id]", uniqueId)
        form.add("login[password]", password)
        form.add("login[sis_user_id]", sisUserId)
        form.add("login[integration_id]", integrationId)
        form.add("login[authentication_provider_id]", authenticationProviderId)
        form.add("login[workflow_state]", workflowState)
        form.add("login[declared_user_type]", declaredUserType)
        return form
    }
}
