/// A generated school district: what the config declares and what a matching Canvas holds.
///
/// Ids are SIS ids throughout; the config and the seeds are two renderings of this one value.
public struct District: Sendable {
    public struct SubAccount: Sendable, Equatable {
        public var sisId: String
        public var name: String
    }

    public struct Term: Sendable, Equatable {
        public var id: String
        public var name: String
        /// `YYYY-MM-DD`, midnight UTC.
        public var start: String
        public var end: String
    }

    public struct User: Sendable, Equatable {
        public var id: String
        public var name: String
        public var sortableName: String
        public var login: String
        public var email: String
        public var isStaff: Bool
        /// Index into `subAccounts`, or 0 without sub-accounts.
        public var school: Int
    }

    public struct Section: Sendable, Equatable {
        public var id: String
        public var name: String
    }

    public struct Enrollment: Sendable, Hashable {
        public var user: String
        /// `student`, `teacher`, `ta` or the custom role `Grader`.
        public var role: String
        /// nil: the course's default section.
        public var section: String?
    }

    public struct Course: Sendable, Equatable {
        public var id: String
        public var name: String
        public var code: String
        public var term: String
        /// A sub-account's SIS id; nil for the root account.
        public var account: String?
        /// nil: the config leaves the published state alone.
        public var published: Bool?
        /// What a matching Canvas holds: `available`, `claimed` or `created`.
        public var workflowState: String
        public var sections: [Section]
        public var enrollments: [Enrollment]
    }

    /// The custom course role some TAs have; it must exist in Canvas for a plan to be made.
    public static let customRole = (name: "Grader", base: "ta")
    public static let rootAccountName = "Example Unified School District"
    public static let canvasURL = "https://district.instructure.com"

    public var options: DistrictOptions
    public var year: Int
    public var subAccounts: [SubAccount] = []
    public var terms: [Term] = []
    public var users: [User] = []
    public var courses: [Course] = []

    public var sectionCount: Int { courses.reduce(0) { $0 + $1.sections.count } }
    public var enrollmentCount: Int { courses.reduce(0) { $0 + $1.enrollments.count } }

    /// `2 terms, 2000 courses, 4000 sections, 12000 users, 60000 enrollments`
    public var summary: String {
        "\(terms.count) terms, \(courses.count) courses, \(sectionCount) sections, \(users.count) users, "
            + "\(enrollmentCount) enrollments, \(subAccounts.count) sub-accounts"
    }
}
