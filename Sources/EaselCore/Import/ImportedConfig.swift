/// A config built from live Canvas by `easel import`, with what it could not express.
public struct ImportedConfig: Sendable {
    /// The terms, keyed courses, users and custom roles; planning it against the Canvas it
    /// came from shows no changes.
    public var config: Config
    /// Courses without a SIS id. easel manages courses by SIS id and will not invent one
    /// (adopting writes it into Canvas), so these are written commented out, with their
    /// `canvas_id`, for the admin to give an `id` and uncomment.
    public var unkeyedCourses: [Course] = []
    /// Where each course goes when the import is split: course id (or `canvas:N`) → group.
    public var termGroup: [String: String] = [:]
    public var accountGroup: [String: String] = [:]
    /// What the admin should know before planning: lowercase sentences, without "warning:".
    public var warnings: [String] = []

    public init(config: Config) {
        self.config = config
    }

    /// The key a course has in `termGroup` and `accountGroup`.
    static func groupKey(_ course: Course) -> String { course.canvasId.map { "canvas:\($0)" } ?? course.id }
}
