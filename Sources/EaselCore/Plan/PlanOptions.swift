/// How a plan is made: what it targets, which safety limits it may pass, and what time it is.
public struct PlanOptions: Sendable {
    /// Ids of terms, courses, sections or users: plan only these and what they depend on.
    public var targets: [String] = []
    public var allowMassWithdraw = false
    /// "Now", for Canvas's date-concluded courses.
    public var now: ConfigDate

    public init(targets: [String] = [], allowMassWithdraw: Bool = false, now: ConfigDate) {
        self.targets = targets
        self.allowMassWithdraw = allowMassWithdraw
        self.now = now
    }
}
