import CanvasSim

/// Small seeds the suites share.
enum Fixtures {
    static let fall = TermSeed(
        name: "Fall 2026", sisTermId: "2026-FALL",
        startAt: Timestamp(iso8601: "2026-09-01T00:00:00Z"), endAt: Timestamp(iso8601: "2099-01-31T00:00:00Z"))

    /// A published course with `students` students (S1…), a teacher and two sections.
    static func school(students: Int = 3, courseState: String = "available") -> SimSeed {
        var seed = SimSeed()
        seed.accounts = [AccountSeed(name: "High School", sisAccountId: "HS")]
        seed.terms = [fall]
        seed.courses = [
            CourseSeed(name: "Algebra I", courseCode: "MATH101", sisCourseId: "MATH101", account: "HS", term: "2026-FALL", workflowState: courseState),
        ]
        seed.sections = [
            SectionSeed(name: "Period 1", sisSectionId: "MATH101-P1", course: "MATH101"),
            SectionSeed(name: "Period 2", sisSectionId: "MATH101-P2", course: "MATH101"),
        ]
        seed.users = [UserSeed(name: "Tina Teacher", sisUserId: "T1", login: "tteacher", email: "t1@school.example")]
        for i in 1...max(students, 1) where students > 0 {
            seed.users.append(UserSeed(name: "Student \(String(format: "%03d", i))", sisUserId: "S\(i)", login: "s\(i)", email: "s\(i)@school.example"))
        }
        seed.enrollments = [EnrollmentSeed(user: "T1", section: "MATH101-P1", type: "teacher")]
        return seed
    }
}
