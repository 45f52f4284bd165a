import EaselYAML

public struct Enrollment: Sendable {
    public enum State: String, Sendable, CaseIterable { case active, inactive }

    public var user: Ref
    /// A base role's name or a custom role's name.
    public var role: String
    /// nil: the course's default section.
    public var section: Ref?
    public var state: State = .active
    /// For observers: the student observed.
    public var observing: Ref?
    public var range: SourceRange
    /// Where the role was written, when it was written on its own (long form).
    public var roleRange: SourceRange?

    public init(user: Ref, role: String, section: Ref? = nil, state: State = .active, observing: Ref? = nil, range: SourceRange) {
        self.user = user
        self.role = role
        self.section = section
        self.state = state
        self.observing = observing
        self.range = range
    }

    /// Whether the enrollment can be written in a course's short role lists.
    public var isShortForm: Bool {
        section == nil && state == .active && observing == nil && BaseRole(rawValue: role) != nil
    }
}
