import BulkFiles
import CanvasAPI
import Foundation

public struct LiveUser: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    /// The login's `unique_id`.
    public var login: String?
    /// The Canvas id of that login, for login edits.
    public var loginCanvasId: String?
    public var name: String
    public var sortableName: String?
    public var email: String?
    /// `active` or `deleted` (a deleted login that still holds its SIS id).
    public var workflowState: String

    public init(
        canvasId: String, sisId: String?, login: String?, loginCanvasId: String? = nil, name: String,
        sortableName: String? = nil, email: String? = nil, workflowState: String = "active"
    ) {
        self.canvasId = canvasId
        self.sisId = sisId
        self.login = login
        self.loginCanvasId = loginCanvasId
        self.name = name
        self.sortableName = sortableName
        self.email = email
        self.workflowState = workflowState
    }
}

// From the REST API.
extension LiveUser {
    /// `key` is what the user was found by; Canvas's user object shows one login only, so
    /// for a user with several logins the key (not that login) is the one that counts.
    init(_ user: CanvasUser, foundBy key: String? = nil, userKey: Policy.UserKey) {
        var sisId = user.sisUserId
        var login = user.loginId
        if let key {
            switch userKey {
            case .sisId: sisId = key
            case .login: if login?.lowercased() != key.lowercased() { login = key }
            }
        }
        self.init(
            canvasId: user.id.rawValue, sisId: sisId, login: login, name: user.name ?? "",
            sortableName: user.sortableName, email: user.email)
    }
}

// From the provisioning report.
extension LiveUser {
    /// One row per login: the login is the row's own.
    init?(report row: ReportRow) {
        guard let canvasId = row["canvas_user_id"] else { return nil }
        self.init(
            canvasId: canvasId, sisId: row["user_id"], login: row["login_id"], name: row["full_name"] ?? "",
            sortableName: row["sortable_name"], email: row["email"])
    }
}
