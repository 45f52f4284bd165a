@testable import EaselCore
import Testing

/// What a SIS import cannot carry goes through the API, staged so that every dependency
/// runs first.
@Suite struct SISStagingTests {
    typealias B = SISCSVBuilderTests

    static func plan(_ ops: [PlanOperation], userKey: Policy.UserKey = .sisId) -> Plan {
        var plan = Plan(easelVersion: "t", createdAt: "t", canvasUrl: "u", account: "1", configHash: "h")
        plan.userKey = userKey
        plan.operations = ops
        return plan
    }

    static func reason(_ op: PlanOperation, userKey: Policy.UserKey = .sisId, live: LiveState = B.live) -> String? {
        SISExpressibility.apiReason(op, SISContext(plan: plan([op], userKey: userKey), live: live))
    }

    @Test func whatASISImportCannotCarry() {
        #expect(Self.reason(B.op(.adopt, .course, "C7", after: ["sis_id": .string("C7")]) { $0.canvasId = "77" })
            == "it is mapped by canvas_id and has no SIS id yet")
        #expect(Self.reason(B.op(.update, .course, "C1", after: ["published": .bool(false)])) == "a SIS import cannot unpublish a course")
        #expect(Self.reason(B.op(.update, .course, "C1", after: ["account": .string("1")]))
            == "a SIS import cannot move a course back to the root account")
        #expect(Self.reason(B.op(.update, .course, "C1", after: ["account": .string("sis_account_id:HS")])) == nil)
        #expect(Self.reason(B.op(.create, .course, "C9", after: ["name": .string("N"), "code": .string("N"), "account": .string("3")]))
            == "its account '3' has no SIS id")
        #expect(Self.reason(B.op(.update, .user, "U1", after: ["login": .string("ann.one")])) == "it changes the login")
        #expect(Self.reason(B.op(.create, .user, "ann1", after: ["name": .string("Ann"), "login": .string("ann1")]), userKey: .login)
            == "users are keyed by login (policy.user_key: login)")
        var byCanvasUser = B.enrollment(.conclude, state: nil)
        byCanvasUser.user = "canvas:99"
        #expect(Self.reason(byCanvasUser) == "user canvas:99 has no SIS id")
        var ambiguous = B.enrollment(.delete, state: nil, section: nil)
        ambiguous.course = "C3"
        #expect(Self.reason(ambiguous) == "course 'C3' has several sections without a SIS id")
        // A new enrollment in the default section is fine: a row without section_id means it.
        var create = B.enrollment(.create, section: nil)
        create.course = "C3"
        #expect(Self.reason(create) == nil)
    }

    @Test func anAdoptThatImportRowsNeedRunsBeforeTheImport() {
        let adopt = B.op(.adopt, .course, "C7", after: ["sis_id": .string("C7")]) { $0.canvasId = "77" }
        let enroll = B.op(.create, .enrollment, "C7/U1/student", after: ["state": .string("active")]) {
            ($0.course, $0.user, $0.role, $0.dependsOn) = ("C7", "U1", "student", [adopt.address])
        }
        let unpublish = B.op(.update, .course, "C1", after: ["published": .bool(false)])
        let p = Self.plan([adopt, enroll, unpublish])
        let staging = SISStaging(p, context: SISContext(plan: p, live: B.live))
        #expect(staging.before.map(\.address) == [adopt.address])
        #expect(staging.imported.map(\.address) == [enroll.address])
        #expect(staging.after.map(\.address) == [unpublish.address])
    }

    @Test func aSectionDeleteThatWaitsForEnrollmentRowsRunsAfterTheImport() {
        let withdraw = B.enrollment(.delete, state: nil)
        let delete = B.op(.delete, .section, "C1-A", before: ["name": .string("Section A")]) {
            $0.course = "C1"
            $0.dependsOn = [withdraw.address]
        }
        let p = Self.plan([withdraw, delete])
        let staging = SISStaging(p, context: SISContext(plan: p, live: B.live))
        #expect(staging.imported.map(\.address) == [withdraw.address])
        #expect(staging.after.map(\.address) == [delete.address])
        #expect(staging.apiReasons[delete.address] == "it waits for \(withdraw.address), which the import applies later")
    }

    /// term (import) → course in a sub-account without SIS id (API) → section (import): the
    /// API course would have to wait for the import, so the term leaves the import too.
    @Test func anImportRowThatAnAPIPrerequisiteNeedsLeavesTheImport() {
        let term = B.op(.create, .term, "T9", after: ["name": .string("Nine")])
        let course = B.op(.create, .course, "C9", after: ["name": .string("N"), "code": .string("N"), "account": .string("3"), "term": .string("T9")]) {
            $0.dependsOn = [term.address]
        }
        let section = B.op(.create, .section, "C9-A", after: ["name": .string("A")]) {
            $0.course = "C9"
            $0.dependsOn = [course.address]
        }
        let p = Self.plan([term, course, section])
        let staging = SISStaging(p, context: SISContext(plan: p, live: B.live))
        #expect(staging.before.map(\.address) == [term.address, course.address])
        #expect(staging.imported.map(\.address) == [section.address])
        #expect(staging.after.isEmpty)
    }
}
