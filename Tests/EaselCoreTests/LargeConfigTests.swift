import EaselCore
import Testing

/// A district-sized config: 2,000 courses, 12,000 users, 60,000 enrollments (about 2 MB).
@Suite struct LargeConfigTests {
    @Test func aDistrictConfigValidates() throws {
        let text = District.yaml(courses: 2_000, users: 12_000, enrollmentsPerCourse: 30)
        #expect(text.utf8.count > 1_500_000)
        let loaded = ConfigLoader.load(texts: [("district.yaml", text)])
        #expect(loaded.diagnostics.isEmpty)
        let config = try #require(loaded.config)
        #expect(config.counts.courses == 2_000)
        #expect(config.counts.users == 12_000)
        #expect(config.counts.enrollments == 60_000)
    }
}

/// Generates district-sized configs for tests.
enum District {
    static func yaml(courses: Int, users: Int, enrollmentsPerCourse: Int) -> String {
        var out = "version: 1\nterms:\n  - {id: 2026-FALL, name: Fall 2026, start: 2026-09-01, end: 2027-01-31}\nusers:\n"
        out.reserveCapacity(courses * enrollmentsPerCourse * 30 + users * 80)
        for u in 0..<users {
            out += "  - {id: U\(u), name: User Number \(u), login: user\(u), email: user\(u)@district.example}\n"
        }
        out += "courses:\n"
        for c in 0..<courses {
            out += "  - id: 2026F-C\(c)\n    name: Course \(c)\n    term: 2026-FALL\n"
            out += "    sections:\n      - {id: 2026F-C\(c)-S1, name: Section 1}\n      - {id: 2026F-C\(c)-S2, name: Section 2}\n"
            out += "    teachers: [U\((c * 7) % users)]\n    enrollments:\n"
            for e in 1..<enrollmentsPerCourse {
                out += "      - {user: U\((c * 29 + e * 13) % users), role: student, section: 2026F-C\(c)-S\(e % 2 + 1)}\n"
            }
        }
        return out
    }
}
