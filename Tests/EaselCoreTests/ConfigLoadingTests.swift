import EaselCore
import EaselYAML
import Testing

@Suite struct ConfigLoadingTests {
    @Test func aConfigSplitOverFilesIsMergedInNameOrder() throws {
        let path = Fixtures.repository.appendingPathComponent("examples/school").path
        let loaded = ConfigLoader.load(path: path)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(loaded.renderer.render).joined())")
        let config = try #require(loaded.config)
        #expect(loaded.files.map { $0.split(separator: "/").last! } == [
            "00-school.yaml", "10-users.yaml", "20-timetable.yaml", "30-courses.yaml",
        ])
        #expect(config.terms.map(\.id) == ["2026-FALL", "2027-SPRING"])
        #expect(config.policy.managedRoles == ["student", "teacher", "ta", "Grader"])
        #expect(config.counts == Config.Counts(terms: 2, courses: 33, sections: 3, users: 173, enrollments: 811))
        let staff = try #require(config.courses.first { $0.id == "STAFF-ROOM" })
        #expect(staff.canvasId == "4321")
        #expect(staff.protect)
    }

    @Test func classSubjectLayoutExpandsToOneCoursePerClassAndSubject() throws {
        let config = try load("""
            version: 1
            terms: [{id: T1, name: Term 1}]
            users:
              - {id: S1, name: S One, login: s1}
              - {id: S2, name: S Two, login: s2}
              - {id: S3, name: S Three, login: s3}
              - {id: M, name: Maths Teacher, login: m}
              - {id: P, name: Physics Teacher, login: p}
            classes:
              layout: class-subject
              term: T1
              course_id: "{term}-{class}-{subject}"
              course_name: "{class.name} · {subject.name}"
              subjects:
                - {id: MATH, name: Mathematics}
                - {id: PHYS, name: Physics}
              list:
                - id: 10A
                  name: Grade 10 A
                  students: [S1, S2]
                  subjects:
                    MATH: {teachers: [M]}
                    PHYS: {teachers: [P], students: [S3]}
                - id: 10B
                  name: Grade 10 B
                  students: [S3]
            """)
        #expect(config.courses.map(\.id) == ["T1-10A-MATH", "T1-10A-PHYS", "T1-10B-MATH", "T1-10B-PHYS"])
        #expect(config.courses.map(\.name) == [
            "Grade 10 A · Mathematics", "Grade 10 A · Physics", "Grade 10 B · Mathematics", "Grade 10 B · Physics",
        ])
        #expect(config.courses.map(\.code) == ["10A-MATH", "10A-PHYS", "10B-MATH", "10B-PHYS"])
        #expect(config.courses.allSatisfy { $0.term?.id == "T1" })
        #expect(enrollments(config) == [
            "T1-10A-MATH": ["S1 student", "S2 student", "M teacher"],
            "T1-10A-PHYS": ["S1 student", "S2 student", "S3 student", "P teacher"],
            "T1-10B-MATH": ["S3 student"],
            "T1-10B-PHYS": ["S3 student"],
        ])
    }

    @Test func classAsTermLayoutMakesEachClassATerm() throws {
        let config = try load("""
            version: 1
            users:
              - {id: S1, name: S One, login: s1}
              - {id: T, name: Teacher, login: t}
            classes:
              layout: class-as-term
              term_id: "2026-{class}"
              course_id: "{term}-{subject}"
              start: 2026-09-01
              end: 2027-07-15
              subjects:
                - {id: LIT, name: Literacy}
                - {id: NUM, name: Numeracy}
              list:
                - id: Y1
                  name: Year 1
                  teachers: [T]
                  students: [S1]
                - id: Y2
                  name: Year 2
                  end: 2027-06-30
                  subjects:
                    NUM:
            """)
        #expect(config.terms.map(\.id) == ["2026-Y1", "2026-Y2"])
        #expect(config.terms.map(\.name) == ["Year 1", "Year 2"])
        #expect(config.terms.map { $0.end?.iso8601 } == ["2027-07-15", "2027-06-30"])
        #expect(config.courses.map(\.id) == ["2026-Y1-LIT", "2026-Y1-NUM", "2026-Y2-NUM"])
        #expect(config.courses.map { $0.term?.id } == ["2026-Y1", "2026-Y1", "2026-Y2"])
        #expect(enrollments(config) == [
            "2026-Y1-LIT": ["S1 student", "T teacher"],
            "2026-Y1-NUM": ["S1 student", "T teacher"],
            "2026-Y2-NUM": [],
        ])
    }

    @Test func shortAndLongFormEnrollmentsBecomeOneList() throws {
        let config = try load("""
            version: 1
            roles: [{name: Grader, base: ta}]
            users:
              - {id: S1, name: S One, login: s1}
              - {id: P1, name: Parent, login: p1}
              - {id: G, name: Grader, login: g}
            courses:
              - id: C
                name: Course
                sections: [{id: C-P1, name: Period 1}]
                students: [S1]
                enrollments:
                  - {user: S1, role: student, section: C-P1, state: inactive}
                  - {user: P1, role: observer, observing: S1}
                  - {user: G, role: Grader}
            """)
        let course = try #require(config.courses.first)
        #expect(course.code == "C", "code defaults to the id")
        #expect(course.enrollments.map { "\($0.user.id) \($0.role) \($0.section?.id ?? "-") \($0.state) \($0.observing?.id ?? "-")" } == [
            "S1 student - active -", "S1 student C-P1 inactive -", "P1 observer - active S1", "G Grader - active -",
        ])
    }

    @Test func datesAcceptBareDatesAndZonedTimestamps() throws {
        let config = try load("""
            version: 1
            terms:
              - {id: A, name: A, start: 2026-09-01, end: "2027-01-31T17:00:00-05:00"}
            """)
        #expect(config.terms[0].start?.iso8601 == "2026-09-01")
        #expect(config.terms[0].end?.iso8601 == "2027-01-31T22:00:00Z")
    }

    @Test func quotedAndPlainScalarsFollowTheCoreSchema() throws {
        // `no` is a string in YAML 1.2; `true` is a boolean, so it is no name.
        let ok = try load("version: 1\nterms: [{id: no, name: 'true'}]\n")
        #expect(ok.terms[0].id == "no")
        #expect(ok.terms[0].name == "true")
        let bad = ConfigLoader.load(texts: [("c.yaml", "version: 1\nterms: [{id: T, name: true}]\n")])
        #expect(bad.diagnostics.map(\.message) == ["expected a string for 'name', found a boolean"])
    }

    private func load(_ text: String) throws -> Config {
        let loaded = ConfigLoader.load(texts: [("test.yaml", text)])
        guard let config = loaded.config else {
            Issue.record("config did not load:\n\(loaded.diagnostics.map(loaded.renderer.render).joined())")
            throw LoadFailed()
        }
        return config
    }

    private func enrollments(_ config: Config) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: config.courses.map { ($0.id, $0.enrollments.map { "\($0.user.id) \($0.role)" }) })
    }
}

struct LoadFailed: Error {}
