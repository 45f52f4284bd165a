@testable import EaselCore
import Foundation
import Testing

/// Plan operations → SIS CSV rows: the file, the columns and the status for every action,
/// kind and withdraw kind.
@Suite struct SISCSVBuilderTests {
    static let live: LiveState = {
        var live = LiveState()
        live.account = LiveAccount(canvasId: "1", sisId: nil, isRoot: true)
        live.subAccounts = [LiveAccount(canvasId: "2", sisId: "HS", isRoot: false), LiveAccount(canvasId: "3", sisId: nil, isRoot: false)]
        live.terms = [LiveTerm(canvasId: "10", sisId: "T1", name: "Term One", start: ConfigDate(iso: "2026-09-01"), end: ConfigDate(iso: "2027-06-30"))]
        var c1 = LiveCourse(canvasId: "20", sisId: "C1", name: "Course One", code: "C1", termCanvasId: "10", accountCanvasId: "1", workflowState: "available")
        c1.sections = [
            LiveSection(canvasId: "30", sisId: nil, name: "Course One"),
            LiveSection(canvasId: "31", sisId: "C1-A", name: "Section A", start: ConfigDate(iso: "2026-09-01")),
        ]
        let c2 = LiveCourse(
            canvasId: "21", sisId: "C2", name: "Course Two", code: "C2", termCanvasId: "10", accountCanvasId: "1", workflowState: "completed",
            start: ConfigDate(iso: "2026-09-01"), end: ConfigDate(iso: "2027-06-30"), restrictToDates: true)
        var c3 = LiveCourse(canvasId: "22", sisId: "C3", name: "Course Three", code: "C3", termCanvasId: "10", accountCanvasId: "1", workflowState: "unpublished")
        c3.sections = [LiveSection(canvasId: "32", sisId: nil, name: "Course Three"), LiveSection(canvasId: "33", sisId: nil, name: "Made by hand")]
        live.courses = [c1, c2, c3]
        live.users = [LiveUser(canvasId: "40", sisId: "U1", login: "ann1", name: "Ann One", sortableName: "One, Ann")]
        return live
    }()

    static func op(
        _ action: PlanOperation.Action, _ kind: PlanOperation.Kind, _ id: String, after: [String: PlanValue]? = nil,
        before: [String: PlanValue]? = nil, _ change: (inout PlanOperation) -> Void = { _ in }
    ) -> PlanOperation {
        var op = PlanOperation(address: "\(kind.rawValue):\(id)", action: action, kind: kind, id: id)
        (op.after, op.before) = (after, before)
        change(&op)
        return op
    }

    static func enrollment(_ action: PlanOperation.Action, state: String? = "active", before: [String: PlanValue]? = nil, section: String? = "C1-A", observing: String? = nil) -> PlanOperation {
        op(action, .enrollment, "C1/U1/student", after: state.map { ["state": .string($0)] }, before: before) {
            $0.course = "C1"
            $0.user = "U1"
            $0.role = "student"
            $0.section = section
            $0.observing = observing
            if action != .create { $0.canvasId = "50" }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var op: PlanOperation
        /// `file: a,b,c` per row.
        var rows: [String]
        var testDescription: String { name }
    }

    static let day = "T00:00:00Z"
    static let cases: [Case] = [
        Case(name: "term create", op: op(.create, .term, "T2", after: ["name": .string("Term Two"), "start": .string("2027-01-01"), "end": .null]),
             rows: ["terms.csv: T2,Term Two,active,2027-01-01\(day),"]),
        Case(name: "term update restates the dates it keeps", op: op(.update, .term, "T1", after: ["name": .string("Term 1")]),
             rows: ["terms.csv: T1,Term 1,active,2026-09-01\(day),2027-06-30\(day)"]),
        Case(name: "course create, published, in a sub-account", op: op(.create, .course, "C9", after: [
                "name": .string("Nine"), "code": .string("N9"), "term": .string("T1"), "account": .string("sis_account_id:HS"),
                "published": .bool(true), "start": .string("2026-09-01"), "end": .null]),
             rows: ["courses.csv: C9,N9,Nine,HS,T1,published,2026-09-01\(day),"]),
        Case(name: "course create, unpublished, in the root account", op: op(.create, .course, "C9", after: [
                "name": .string("Nine"), "code": .string("N9"), "term": .null, "account": .string("1"), "published": .bool(false)]),
             rows: ["courses.csv: C9,N9,Nine,,,active,,"]),
        Case(name: "course create by a sub-account's Canvas id", op: op(.create, .course, "C9", after: [
                "name": .string("Nine"), "code": .string("N9"), "account": .string("2")]),
             rows: ["courses.csv: C9,N9,Nine,HS,,active,,"]),
        Case(name: "course rename keeps it published", op: op(.update, .course, "C1", after: ["name": .string("Course 1")]),
             rows: ["courses.csv: C1,C1,Course 1,,,published,,"]),
        Case(name: "course rename keeps a concluded course concluded", op: op(.update, .course, "C2", after: ["code": .string("TWO")]),
             rows: ["courses.csv: C2,TWO,Course Two,,,completed,,"]),
        Case(name: "course publish", op: op(.update, .course, "C3", after: ["published": .bool(true)]),
             rows: ["courses.csv: C3,C3,Course Three,,,published,,"]),
        Case(name: "course end date on an unrestricted course clears its start", op: op(.update, .course, "C1", after: ["end": .string("2027-06-01")]),
             rows: ["courses.csv: C1,C1,Course One,,,published,<delete>,2027-06-01\(day)"]),
        Case(name: "course end date cleared on a restricted course keeps its start", op: op(.update, .course, "C2", after: ["end": .null]),
             rows: ["courses.csv: C2,C2,Course Two,,,completed,,<delete>"]),
        Case(name: "course term and account move", op: op(.update, .course, "C1", after: ["term": .string("T2"), "account": .string("sis_account_id:HS")]),
             rows: ["courses.csv: C1,C1,Course One,HS,T2,published,,"]),
        Case(name: "course conclude", op: op(.conclude, .course, "C1"), rows: ["courses.csv: C1,C1,Course One,,,completed,,"]),
        Case(name: "course delete", op: op(.delete, .course, "C1"), rows: ["courses.csv: C1,C1,Course One,,,deleted,,"]),
        Case(name: "section create", op: op(.create, .section, "C1-B", after: ["name": .string("B"), "course": .string("C1"), "start": .null, "end": .string("2026-12-20")]) { $0.course = "C1" },
             rows: ["sections.csv: C1-B,C1,B,active,,2026-12-20\(day)"]),
        Case(name: "section rename restates its dates", op: op(.update, .section, "C1-A", after: ["name": .string("Alpha")]) { $0.course = "C1" },
             rows: ["sections.csv: C1-A,C1,Alpha,active,2026-09-01\(day),"]),
        Case(name: "section delete", op: op(.delete, .section, "C1-A", before: ["name": .string("Section A")]) { $0.course = "C1" },
             rows: ["sections.csv: C1-A,C1,Section A,deleted,,"]),
        Case(name: "user create", op: op(.create, .user, "U2", after: ["name": .string("Bob"), "login": .string("bob"), "sis_id": .string("U2"), "email": .string("b@x.org"), "sortable_name": .string("B, Bob")]),
             rows: ["users.csv: U2,bob,Bob,\"B, Bob\",b@x.org,active"]),
        Case(name: "user create with an authentication provider", op: op(.create, .user, "U2", after: ["name": .string("Bob"), "login": .string("bob"), "sis_id": .string("U2"), "auth_provider": .string("saml")]),
             rows: ["users_sso.csv: U2,bob,Bob,,,active,saml"]),
        Case(name: "user rename restates the login", op: op(.update, .user, "U1", after: ["name": .string("Ann Uno")]),
             rows: ["users.csv: U1,ann1,Ann Uno,,,active"]),
        Case(name: "enrollment create", op: enrollment(.create), rows: ["enrollments.csv: C1,C1-A,U1,student,active,"]),
        Case(name: "enrollment create, inactive, default section", op: enrollment(.create, state: "inactive", section: nil),
             rows: ["enrollments.csv: C1,,U1,student,inactive,"]),
        Case(name: "enrollment reactivate", op: enrollment(.reactivate), rows: ["enrollments.csv: C1,C1-A,U1,student,active,"]),
        Case(name: "enrollment update to inactive", op: enrollment(.update, state: "inactive"), rows: ["enrollments.csv: C1,C1-A,U1,student,inactive,"]),
        Case(name: "enrollment conclude", op: enrollment(.conclude, state: nil), rows: ["enrollments.csv: C1,C1-A,U1,student,completed,"]),
        Case(name: "enrollment inactivate", op: enrollment(.inactivate, state: nil), rows: ["enrollments.csv: C1,C1-A,U1,student,inactive,"]),
        Case(name: "enrollment delete", op: enrollment(.delete, state: nil), rows: ["enrollments.csv: C1,C1-A,U1,student,deleted,"]),
        Case(name: "enrollment replace: section", op: enrollment(.replace, before: ["section": .null, "state": .string("active")]),
             rows: ["enrollments.csv: C1,C1-A,U1,student,active,", "enrollments.csv: C1,,U1,student,deleted,"]),
        Case(name: "enrollment replace: role", op: enrollment(.replace, before: ["role": .string("teacher"), "state": .string("active")]),
             rows: ["enrollments.csv: C1,C1-A,U1,student,active,", "enrollments.csv: C1,C1-A,U1,teacher,deleted,"]),
        Case(name: "observer", op: enrollment(.create, section: nil, observing: "U9"), rows: ["enrollments_observers.csv: C1,,U1,student,active,U9"]),
    ]

    @Test(arguments: cases)
    func rows(_ c: Case) throws {
        var plan = Plan(easelVersion: "t", createdAt: "t", canvasUrl: "u", account: "1", configHash: "h")
        plan.operations = [c.op]
        let context = SISContext(plan: plan, live: Self.live)
        #expect(SISExpressibility.apiReason(c.op, context) == nil)
        let upload = SISCSVBuilder(context: context).upload([c.op])
        var rows: [String] = []
        for file in upload.files {
            for row in file.rows { rows.append("\(file.name): " + String(CSVLine(row).dropLast())) }
            #expect(file.addresses.allSatisfy { $0 == c.op.address })
        }
        #expect(rows == c.rows)
    }

    @Test func notifyAddsAColumnToEveryEnrollmentRow() {
        var plan = Plan(easelVersion: "t", createdAt: "t", canvasUrl: "u", account: "1", configHash: "h")
        plan.notify = true
        let upload = SISCSVBuilder(context: SISContext(plan: plan, live: Self.live)).upload([Self.enrollment(.create)])
        let file = upload.files.first { $0.name == "enrollments.csv" }!
        #expect(file.header.last == "notify")
        #expect(file.rows == [["C1", "C1-A", "U1", "student", "active", nil, "true"]])
    }

    @Test func rowsAreFoundByTheLineCanvasReports() throws {
        var plan = Plan(easelVersion: "t", createdAt: "t", canvasUrl: "u", account: "1", configHash: "h")
        plan.userKey = .sisId
        let multiline = Self.op(.create, .course, "C8", after: ["name": .string("Two\nlines"), "code": .string("C8")])
        let next = Self.op(.create, .course, "C9", after: ["name": .string("Nine"), "code": .string("C9")])
        let replace = Self.enrollment(.replace, before: ["role": .string("teacher")])
        let upload = SISCSVBuilder(context: SISContext(plan: plan, live: Self.live)).upload([multiline, next, replace])
        #expect(upload.address(file: "courses.csv", line: 2) == "course:C8")
        #expect(upload.address(file: "courses.csv", line: 3) == nil)  // inside C8's quoted name
        #expect(upload.address(file: "courses.csv", line: 4) == "course:C9")
        #expect(upload.address(file: "enrollments.csv", line: 3) == replace.address)
        #expect(upload.address(file: "enrollments.csv", line: 4) == nil)
        #expect(!(try upload.zip()).isEmpty)
    }
}

/// One CSV line, as the builder's files write it.
private func CSVLine(_ fields: [String?]) -> String {
    fields.map { value in
        guard let value else { return "" }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }.joined(separator: ",") + "\n"
}
