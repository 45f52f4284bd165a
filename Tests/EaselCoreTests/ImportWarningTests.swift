import EaselCore
import Testing

/// The import's warning about users without a SIS id says whether the next plan withdraws
/// their enrollments, in words that do not sound like data loss when it does not.
@Suite struct ImportWarningTests {
    /// A course with a SIS id and one with none; user 9 has no SIS id, enrolled as `role` in each.
    static func live(role: String) -> LiveState {
        var live = LiveState()
        live.terms = [LiveTerm(canvasId: "5", sisId: "T1", name: "Term", start: nil, end: nil)]
        live.users = [
            LiveUser(canvasId: "8", sisId: "S8", login: "s8", name: "Sam Eight"),
            LiveUser(canvasId: "9", sisId: nil, login: "guest@visitors.example", name: "Guest"),
        ]
        var managed = LiveCourse(
            canvasId: "70", sisId: "C70", name: "Maths", code: "M", termCanvasId: "5", accountCanvasId: "1",
            workflowState: "available")
        managed.enrollments = [
            LiveEnrollment(canvasId: "1", userCanvasId: "8", role: "student", sectionCanvasId: "0", state: "active"),
            LiveEnrollment(canvasId: "2", userCanvasId: "9", role: role, sectionCanvasId: "0", state: "active"),
        ]
        var sandbox = LiveCourse(
            canvasId: "77", sisId: nil, name: "Sandbox", code: "SB", termCanvasId: "5", accountCanvasId: "1",
            workflowState: "available")
        sandbox.enrollments = [LiveEnrollment(canvasId: "3", userCanvasId: "9", role: "student", sectionCanvasId: "0", state: "active")]
        live.courses = [managed, sandbox]
        return live
    }

    /// What the next plan of the imported config does to that Canvas.
    static func nextPlan(_ live: LiveState, _ imported: ImportedConfig) throws -> [PlanOperation] {
        let loaded = ConfigLoader.load(texts: [("easel.yaml", ImportRenderer.single(imported, source: "test"))])
        let config = try #require(loaded.config)
        return try Planner.plan(
            config: config, live: live, configHash: "", canvasUrl: "https://canvas.example",
            options: PlanOptions(allowMassWithdraw: true, now: ConfigDate(iso: "2026-08-01")!)).operations
    }

    @Test func enrollmentsOutsideTheManagedRolesStayUntouched() throws {
        let live = Self.live(role: "observer")
        let imported = ConfigImporter.build(live, canvasUrl: nil)
        #expect(try Self.nextPlan(live, imported).isEmpty)
        let warning = try #require(imported.warnings.first { $0.hasPrefix("1 enrolled user has no SIS id") })
        #expect(
            warning == "1 enrolled user has no SIS id ('guest@visitors.example'): it is not in the config, and its 2 enrollments "
                + "(observer, student) stay in Canvas untouched: plan withdraws no enrollment outside policy.managed_roles or "
                + "the imported courses; to manage it, give the users SIS ids in Canvas, or import with --user-key login")
    }

    @Test func enrollmentsTheNextPlanWithdrawsAreCounted() throws {
        let live = Self.live(role: "student")
        let imported = ConfigImporter.build(live, canvasUrl: nil)
        let withdrawn = try Self.nextPlan(live, imported).filter(\.action.isWithdraw)
        #expect(withdrawn.count == 1, "\(withdrawn.map(\.address))")
        let warning = try #require(imported.warnings.first { $0.hasPrefix("1 enrolled user has no SIS id") })
        #expect(
            warning == "1 enrolled user has no SIS id ('guest@visitors.example'): it is not in the config, and of its 2 "
                + "enrollments the next plan would withdraw 1 (in policy.managed_roles: student); before you apply, give the "
                + "users SIS ids in Canvas, or import with --user-key login")
    }
}
