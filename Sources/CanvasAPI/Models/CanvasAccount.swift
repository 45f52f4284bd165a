/// An account or sub-account (`app/controllers/accounts_controller.rb`, `sub_accounts_controller.rb`).
public struct CanvasAccount: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var name: String?
    public var uuid: String?
    public var parentAccountId: CanvasID?
    public var rootAccountId: CanvasID?
    public var sisAccountId: String?
    public var integrationId: String?
    public var workflowState: String?
    public var defaultTimeZone: String?

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID) {
        self.id = id
    }
}
