import Foundation

extension PlanOperation {
    /// Whether the operation sets `key` (to a value or to none).
    func sets<A: PlanAttribute>(_ key: A) -> Bool { after?[key] != nil }

    func afterString<A: PlanAttribute>(_ key: A) -> String? { after?[key]?.string }

    func afterBool<A: PlanAttribute>(_ key: A) -> Bool? { after?[key]?.bool }

    /// The section the enrollment had before: a replace's old section (nil: the default
    /// section), else the operation's own.
    var previousSection: String? { before?[EnrollmentAttribute.section].map { $0.string } ?? section }

    /// The role the enrollment had before: a replace's old role, else the operation's own.
    var previousRole: String? { before?[EnrollmentAttribute.role]?.string ?? role }

    /// nil: `key` is not changed; `.some(nil)`: cleared; else the instant to send.
    func afterDate<A: PlanAttribute>(_ key: A) throws(OperationRunError) -> Date?? {
        guard let value = after?[key] else { return nil }
        guard let text = value.string else { return .some(nil) }
        guard let date = ConfigDate(iso: text) else {
            throw OperationRunError(self, "'\(key.rawValue)' is not an ISO 8601 date: '\(text)'")
        }
        return .some(date.date)
    }

    /// On a create there is nothing to clear: a date set to none is simply not sent.
    func createDate<A: PlanAttribute>(_ key: A) throws(OperationRunError) -> Date?? {
        guard let date = try afterDate(key), let date else { return nil }
        return .some(date)
    }
}
