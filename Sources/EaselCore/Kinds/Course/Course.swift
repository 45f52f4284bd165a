import EaselYAML

public struct Course: Sendable {
    public var id: String
    public var name: String
    public var code: String
    public var term: Ref?
    /// The (sub-)account; nil means `canvas.account`.
    public var account: String?
    /// nil: easel leaves the course's published state alone (new courses start unpublished).
    public var published: Bool?
    public var start: ConfigDate?
    public var end: ConfigDate?
    public var canvasId: String?
    public var protect = false
    public var sections: [Section] = []
    public var enrollments: [Enrollment] = []
    public var range: SourceRange
    /// For a course a `classes` block generated: which class and subject, for messages.
    public var generatedFrom: String?

    public init(id: String, name: String, code: String, range: SourceRange) {
        self.id = id
        self.name = name
        self.code = code
        self.range = range
    }
}
