import CanvasSim
import Foundation

/// Builds a `District` from options: the same options (seed included) give the same district.
///
/// Shape: a school year split into terms; schools (sub-accounts) with their own teachers,
/// TAs and students; courses spread round-robin over terms and schools, each with one
/// teacher (default section), a TA or Grader in one course in eight (last section), and
/// students drawn from the school's students and dealt over the sections.
public enum DistrictGenerator {
    public static func generate(_ options: DistrictOptions) -> District {
        var rng = SplitMix64(seed: options.seed)
        let year = options.year ?? defaultYear(count: options.terms, now: options.now)
        var district = District(options: options, year: year)
        district.terms = terms(year: year, count: options.terms)
        district.subAccounts = (0..<options.subAccounts).map { i in
            i < NameBank.schools.count
                ? District.SubAccount(sisId: NameBank.schools[i].code, name: NameBank.schools[i].name)
                : District.SubAccount(sisId: "S\(i + 1)", name: "School \(i + 1)")
        }
        let schools = max(1, options.subAccounts)

        // Staff: a teacher per five courses a term, a TA per eight teachers; the rest are students.
        let teachers = min(max(1, (options.courses + 5 * options.terms - 1) / (5 * options.terms)), options.users - 1)
        let tas = min(teachers / 8, options.users - 1 - teachers)
        var logins = Set<String>()
        for i in 0..<options.users {
            let staff = i < teachers + tas
            let id = staff ? "T" + pad(i + 1, 4) : "S" + String(100_001 + i - teachers - tas)
            district.users.append(user(id: id, staff: staff, school: i % schools, &rng, &logins))
        }
        let teacherPools = pools(district.users.prefix(teachers), schools)
        let taPools = pools(district.users.dropFirst(teachers).prefix(tas), schools)
        let studentPools = pools(district.users.dropFirst(teachers + tas), schools)

        let taCourses = tas == 0 ? 0 : (options.courses + 4) / 8
        let students = max(0, options.enrollments - options.courses - taCourses)
        var perKey: [String: Int] = [:]
        var perSchool = [Int](repeating: 0, count: schools)
        for c in 0..<options.courses {
            let term = district.terms[c % options.terms]
            let school = (c / options.terms) % schools
            let subject = NameBank.subjects[(c / (options.terms * schools)) % NameBank.subjects.count]
            let account = district.subAccounts.isEmpty ? nil : district.subAccounts[school].sisId
            let stem = [term.id, account, subject.code].compactMap { $0 }.joined(separator: "-")
            perKey[stem, default: 0] += 1
            let number = pad(perKey[stem]!, 2)
            let id = "\(stem)-\(number)"
            let sections = (0..<options.sectionsPerCourse).map { i in
                District.Section(id: "\(id)-S\(i + 1)", name: "Period \((c + 3 * i) % 8 + 1)")
            }

            var enrollments: [District.Enrollment] = []
            let teacherPool = teacherPools[school].isEmpty ? teacherPools.flatMap { $0 } : teacherPools[school]
            enrollments.append(.init(user: teacherPool[perSchool[school] % teacherPool.count], role: "teacher", section: nil))
            perSchool[school] += 1
            if tas > 0, c % 8 == 3 {
                let pool = taPools[school].isEmpty ? taPools.flatMap { $0 } : taPools[school]
                let role = (c / 8) % 2 == 0 ? "ta" : District.customRole.name
                enrollments.append(.init(user: rng.pick(pool), role: role, section: sections.last?.id))
            }
            let pool = studentPools[school].isEmpty ? studentPools.flatMap { $0 } : studentPools[school]
            let count = students / options.courses + (c < students % options.courses ? 1 : 0)
            for (j, index) in rng.distinct(count, of: pool.count).enumerated() {
                let section = sections.isEmpty ? nil : sections[j % sections.count].id
                enrollments.append(.init(user: pool[index], role: "student", section: section))
            }

            let published: Bool?
            let state: String
            switch rng.unit() {
            case ..<0.85: (published, state) = (true, "available")
            case ..<0.95: (published, state) = (false, "claimed")
            default: (published, state) = (nil, rng.below(2) == 0 ? "available" : "created")
            }
            district.courses.append(District.Course(
                id: id, name: "\(subject.name) (\(number))", code: "\(subject.code)-\(number)", term: term.id,
                account: account, published: published, workflowState: state, sections: sections, enrollments: enrollments))
        }
        return district
    }

    private static func user(id: String, staff: Bool, school: Int, _ rng: inout SplitMix64, _ logins: inout Set<String>) -> District.User {
        let first = rng.pick(NameBank.firstNames)
        let last = rng.pick(NameBank.lastNames)
        let base =
            staff
            ? String(NameBank.loginPart(first).prefix(1)) + NameBank.loginPart(last)
            : NameBank.loginPart(first) + "." + NameBank.loginPart(last)
        var login = base
        var n = 1
        while !logins.insert(login).inserted {
            n += 1
            login = base + String(n)
        }
        let domain = staff ? "district.example" : "students.district.example"
        return District.User(
            id: id, name: "\(first) \(last)", sortableName: "\(last), \(first)", login: login, email: "\(login)@\(domain)",
            isStaff: staff, school: school)
    }

    /// User ids per school.
    private static func pools(_ users: some Sequence<District.User>, _ schools: Int) -> [[String]] {
        var out = [[String]](repeating: [], count: schools)
        for u in users { out[u.school].append(u.id) }
        return out
    }

    // MARK: dates

    /// The school year runs from late August to mid June; two terms are Fall and Spring, other
    /// counts split the year evenly.
    static func terms(year: Int, count: Int) -> [District.Term] {
        if count == 2 {
            return [
                District.Term(id: "\(year)-FALL", name: "Fall \(year)", start: "\(year)-08-24", end: "\(year + 1)-01-15"),
                District.Term(
                    id: "\(year + 1)-SPRING", name: "Spring \(year + 1)", start: "\(year + 1)-01-19", end: "\(year + 1)-06-11"),
            ]
        }
        let first = days(year, 8, 24), last = days(year + 1, 6, 11)
        let span = last - first + 1
        let schoolYear = "\(year)/\(pad((year + 1) % 100, 2))"
        return (0..<count).map { i in
            let start = first + span * i / count
            let end = i == count - 1 ? last : first + span * (i + 1) / count - 1
            return count == 1
                ? District.Term(id: "\(year)-YEAR", name: "School Year \(schoolYear)", start: date(start), end: date(end))
                : District.Term(id: "\(year)-T\(i + 1)", name: "Term \(i + 1) \(schoolYear)", start: date(start), end: date(end))
        }
    }

    /// The first year, from last year on, whose first term ends at least 30 days after `now`.
    static func defaultYear(count: Int, now: Date) -> Int {
        let today = Int((now.timeIntervalSince1970 / 86400).rounded(.down))
        var year = civil(today).year - 1
        while let first = terms(year: year, count: count).first, parse(first.end) < today + 30 { year += 1 }
        return year
    }

    /// Days since 1970-01-01.
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(Timestamp.days(fromCivil: Int64(y), Int64(m), Int64(d)))
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let (y, m, d) = Timestamp.civil(fromDays: Int64(days))
        return (Int(y), Int(m), Int(d))
    }

    static func date(_ days: Int) -> String {
        let (y, m, d) = civil(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func parse(_ date: String) -> Int {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return days(parts[0], parts[1], parts[2])
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
