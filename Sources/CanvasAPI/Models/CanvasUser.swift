import Foundation

/// A user (`lib/api/v1/user.rb`). `sisUserId` and `loginId` come from one of the user's logins only.
public struct CanvasUser: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var name: String?
    public var sortableName: String?
    public var shortName: String?
    public var firstName: String?
    public var lastName: String?
    public var sisUserId: String?
    public var integrationId: String?
    public var loginId: String?
    public var email: String?
    public var locale: String?
    public var timeZone: String?
    public var createdAt: Date?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}

/// `POST /accounts/:id/users`: a user with its first login and, optionally, an email channel.
public struct NewUser: Sendable, Equatable {
    public var name: String?
    public var shortName: String?
    public var sortableName: String?
    public var timeZone: String?
    public var locale: String?
    /// true: registered at once, no confirmation needed.
    public var skipRegistration: Bool?
    public var login: Login
    public var communicationChannel: CommunicationChannel?
    public var forceValidations: Bool?
    /// Revive a deleted login with the same `sisUserId` instead of failing.
    public var enableSISReactivation: Bool?

    public struct Login: Sendable, Equatable {
        /// The login id (`pseudonym[unique_id]`), required.
        public var uniqueId: String
        public var password: String?
        /// Silently ignored without `manage_sis`.
        public var sisUserId: String?
        public var integrationId: String?
        /// Provider id or type (`saml`, `google`, …).
        public var authenticationProviderId: String?
        public var sendConfirmation: Bool?

        public init(
            uniqueId: String, password: String? = nil, sisUserId: String? = nil, integrationId: String? = nil,
            authenticationProviderId: String? = nil, sendConfirmation: Bool? = nil
        ) {
            self.uniqueId = uniqueId
            self.password = password
            self.sisUserId = sisUserId
            self.integrationId = integrationId
            self.authenticationProviderId = authenticationProviderId
            self.sendConfirmation = sendConfirmation
        }
    }

    public struct CommunicationChannel: Sendable, Equatable {
        /// `email` or `sms`.
        public var type: String
        public var address: String
        public var skipConfirmation: Bool?

        public init(type: String = "email", address: String, skipConfirmation: Bool? = nil) {
            self.type = type
            self.address = address
            self.skipConfirmation = skipConfirmation
        }
    }

    public init(
        name: String? = nil, shortName: String? = nil, sortableName: String? = nil, timeZone: String? = nil,
        locale: String? = nil, skipRegistration: Bool? = nil, login: Login,
        communicationChannel: CommunicationChannel? = nil, forceValidations: Bool? = nil,
        enableSISReactivation: Bool? = nil
    ) {
        self.name = name
        self.shortName = shortName
        self.sortableName = sortableName
        self.timeZone = timeZone
        self.locale = locale
        self.skipRegistration = skipRegistration
        self.login = login
        self.communicationChannel = communicationChannel
        self.forceValidations = forceValidations
        self.enableSISReactivation = enableSISReactivation
    }

    var form: FormFields {
        var form = FormFields()
        form.add("user[name]", name)
        form.add("user[short_name]", shortName)
        form.add("user[sortable_name]", sortableName)
        form.add("user[time_zone]", timeZone)
        form.add("user[locale]", locale)
        form.add("user[skip_registration]", skipRegistration)
        form.add("pseudonym[unique_id]", login.uniqueId)
        form.add("pseudonym[password]", login.password)
        form.add("pseudonym[sis_user_id]", login.sisUserId)
        form.add("pseudonym[integration_id]", login.integrationId)
        form.add("pseudonym[authentication_provider_id]", login.authenticationProviderId)
        form.add("pseudonym[send_confirmation]", login.sendConfirmation)
        if let channel = communicationChannel {
            form.add("communication_channel[type]", channel.type)
            form.add("communication_channel[address]", channel.address)
            form.add("communication_channel[skip_confirmation]", channel.skipConfirmation)
        }
        form.add("force_validations", forceValidations)
        form.add("enable_sis_reactivation", enableSISReactivation)
        return form
    }
}

/// `PUT /users/:id`. Any key the caller may not change fails the whole request (`app/controllers/users_controller.rb`, `update`).
public struct UserParams: Sendable, Equatable {
    public var name: String?
    public var shortName: String?
    public var sortableName: String?
    public var email: String?
    public var timeZone: String?
    public var locale: String?

    public init(
        name: String? = nil, shortName: String? = nil, sortableName: String? = nil, email: String? = nil,
        timeZone: String? = nil, locale: String? = nil
    ) {
        self.name = name
        self.shortName = shortName
        self.sortableName = sortableName
        self.email = email
        self.timeZone = timeZone
        self.locale = locale
    }

    var form: FormFields {
        var form = FormFields()
        form.add("user[name]", name)
        form.add("user[short_name]", shortName)
        form.add("user[sortable_name]", sortableName)
        form.add("user[email]", email)
        form.add("user[time_zone]", timeZone)
        form.add("user[locale]", locale)
        return form
    }
}
