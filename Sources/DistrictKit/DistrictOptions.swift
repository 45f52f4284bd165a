import Foundation

/// The size and shape of a generated district; every value has the benchmark's default.
public struct DistrictOptions: Sendable, Equatable {
    public var courses = 2000
    public var terms = 2
    /// Schools; 0 puts every course in the root account.
    public var subAccounts = 3
    /// 0: no sections, enrollments go to each course's default section.
    public var sectionsPerCourse = 2
    public var users = 12000
    /// All enrollments: one teacher per course, a TA in one course in eight, students for the rest.
    public var enrollments = 60000
    /// The share of each kind of object `seed-drift.json` changes (see `DriftMaker`).
    public var drift = 0.05
    public var seed: UInt64 = 1
    /// The calendar year the school year starts in; nil picks the first year whose terms all
    /// end after `now`, so easel's "course has ended" check never refuses the enrollments.
    public var year: Int?
    /// The API token the seeds accept.
    public var token = "bench-token"
    public var now = Date()

    public init() {}

    /// Every problem with the options, for the command's `validate()`.
    public var problems: [String] {
        var out: [String] = []
        if courses < 1 { out.append("--courses must be at least 1") }
        if terms < 1 || terms > 12 { out.append("--terms must be between 1 and 12") }
        if subAccounts < 0 || subAccounts > 99 { out.append("--sub-accounts must be between 0 and 99") }
        if sectionsPerCourse < 0 || sectionsPerCourse > 20 { out.append("--sections-per-course must be between 0 and 20") }
        if users < 2 { out.append("--users must be at least 2 (a teacher and a student)") }
        if enrollments < courses { out.append("--enrollments must be at least --courses (every course has a teacher)") }
        if !(0...0.5).contains(drift) { out.append("--drift must be between 0 and 0.5") }
        if let year, !(1971...9000).contains(year) { out.append("--year must be a calendar year") }
        return out
    }
}
