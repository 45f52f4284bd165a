extension Config {
    /// What the config declares, for `validate`'s summary line.
    public struct Counts: Sendable, Equatable {
        public var terms = 0, courses = 0, sections = 0, users = 0, enrollments = 0

        public init(terms: Int = 0, courses: Int = 0, sections: Int = 0, users: Int = 0, enrollments: Int = 0) {
            (self.terms, self.courses, self.sections, self.users, self.enrollments) = (terms, courses, sections, users, enrollments)
        }
    }

    public var counts: Counts {
        Counts(
            terms: terms.count, courses: courses.count, sections: courses.reduce(0) { $0 + $1.sections.count },
            users: users.count, enrollments: courses.reduce(0) { $0 + $1.enrollments.count })
    }
}
