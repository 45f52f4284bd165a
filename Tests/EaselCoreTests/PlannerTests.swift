import EaselCore
import Testing

@Suite struct PlannerTests {
    static let configText = """
        version: 1
        policy: {max_withdraw: 50%}
        terms: [{id: T1, name: Term 1, start: 2026-09-01, end: 2027-01-31}]
        users:
          - {id: S1, name: Sam One, login: s1}
          - {id: S2, name: Sam Two, login: s2}
          - {id: S3, name: Sam Three, login: s3}
          - {id: TE, name: Tea Cher, login: te}
          - {id: P1, name: Pa Rent, login: p1}
        courses:
          - id: MATH
            name: Algebra
            term: T1
            published: true
            sections:
              - {id: MATH-P1, name: Period 1}
              - {id: MATH-P2, name: Period 2}
            teachers: [TE]
            enrollments:
              - {user: S1, role: student, section: MATH-P1}
              - {user: S2, role: student, section: MATH-P1}
              - {user: S3, role: student, section: MATH-P2}
              - {user: P1, role: observer, observing: S1}
        """
    static let now = ConfigDate(iso: "2026-11-22")!

    let config: Config

    init() throws {
        let loaded = ConfigLoader.load(texts: [("c.yaml", Self.configText)])
        config = try #require(loaded.config, "\(loaded.diagnostics)")
    }

    func plan(_ live: LiveState, _ options: PlanOptions = PlanOptions(now: PlannerTests.now), config: Config? = nil) throws -> [PlanOperation] {
        try Planner(config: config ?? self.config, live: live, options: options).operations().operations
    }

    func lines(_ ops: [PlanOperation]) -> [String] {
        ops.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.id)" }
    }

    @Test func anEmptyCanvasGetsEverythingCreatedInOrder() throws {
        let ops = try plan(LiveState())
        #expect(lines(ops) == [
            "create term T1", "create course MATH", "create section MATH-P1", "create section MATH-P2",
            "create user S1", "create user S2", "create user S3", "create user TE", "create user P1",
            "create enrollment MATH/TE/teacher", "create enrollment MATH/S1/student/MATH-P1",
            "create enrollment MATH/S2/student/MATH-P1", "create enrollment MATH/S3/student/MATH-P2",
            "create enrollment MATH/P1/observer",
        ])
        let course = try #require(ops.first { $0.kind == .course })
        #expect(course.dependsOn == ["term:T1"])
        #expect(course.after?["published"] == .bool(true))
        let observer = try #require(ops.first { $0.role == "observer" })
        #expect(observer.dependsOn == ["course:MATH", "user:P1", "user:S1"])
        let s1 = try #require(ops.first { $0.id == "MATH/S1/student/MATH-P1" })
        #expect(s1.dependsOn == ["course:MATH", "section:MATH-P1", "user:S1"])
    }

    @Test func aMatchingCanvasNeedsNoChanges() throws {
        #expect(try plan(LiveFixture.matching(config)).isEmpty)
    }

    @Test func aRenamedCourseIsUpdatedBack() throws {
        var live = LiveFixture.matching(config)
        live.editCourse("MATH") { $0.name = "Algebra (old)" }
        let ops = try plan(live)
        #expect(lines(ops) == ["update course MATH"])
        #expect(ops[0].before == ["name": .string("Algebra (old)")])
        #expect(ops[0].after == ["name": .string("Algebra")])
        #expect(ops[0].expect == ops[0].before)
    }

    @Test func anUnpublishedCourseIsPublished() throws {
        var live = LiveFixture.matching(config)
        live.editCourse("MATH") { $0.workflowState = "unpublished" }
        let ops = try plan(live)
        #expect(lines(ops) == ["update course MATH"])
        #expect(ops[0].after == ["published": .bool(true)])
    }

    @Test func aTeacherEnrolledByHandIsWithdrawnByPolicy() throws {
        var live = LiveFixture.matching(config)
        let s3 = live.user("S3").canvasId
        live.editCourse("MATH") { c in
            c.enrollments.append(LiveEnrollment(canvasId: "999", userCanvasId: s3, role: "teacher", sectionCanvasId: c.sections[0].canvasId, state: "active"))
        }
        let ops = try plan(live)
        #expect(lines(ops) == ["conclude enrollment MATH/S3/teacher"])
        #expect(ops[0].canvasId == "999")
        #expect(ops[0].reason == "not in the config")
    }

    @Test func unmanagedRolesAreLeftAlone() throws {
        var live = LiveFixture.matching(config)
        let s3 = live.user("S3").canvasId
        live.editCourse("MATH") { c in
            c.enrollments.append(LiveEnrollment(canvasId: "999", userCanvasId: s3, role: "designer", sectionCanvasId: c.sections[0].canvasId, state: "active"))
        }
        #expect(try plan(live).isEmpty)
    }

    @Test func aMissingStudentIsEnrolled() throws {
        var live = LiveFixture.matching(config)
        let s2 = live.user("S2").canvasId
        live.editCourse("MATH") { c in c.enrollments.removeAll { $0.role == "student" && $0.userCanvasId == s2 } }
        let ops = try plan(live)
        #expect(lines(ops) == ["create enrollment MATH/S2/student/MATH-P1"])
        #expect(ops[0].courseCanvasId != nil)
        #expect(ops[0].sectionCanvasId != nil)
        #expect(ops[0].dependsOn.isEmpty)
    }

    @Test(arguments: [("completed", "concluded in Canvas: enrolled again"), ("deleted", "deleted in Canvas: enrolled again"), ("inactive", "inactive in Canvas")])
    func aWithdrawnStudentIsReactivated(_ state: String, _ reason: String) throws {
        var live = LiveFixture.matching(config)
        let s1 = live.user("S1").canvasId
        live.editCourse("MATH") { c in
            let i = c.enrollments.firstIndex { $0.userCanvasId == s1 && $0.role == "student" }!
            c.enrollments[i].state = state
        }
        let ops = try plan(live)
        #expect(lines(ops) == ["reactivate enrollment MATH/S1/student/MATH-P1"])
        #expect(ops[0].reason == reason)
        #expect(ops[0].before == ["state": .string(state)])
    }

    @Test func aStudentInAnotherSectionIsReplaced() throws {
        var live = LiveFixture.matching(config)
        let s3 = live.user("S3").canvasId
        live.editCourse("MATH") { c in
            let i = c.enrollments.firstIndex { $0.userCanvasId == s3 }!
            c.enrollments[i].sectionCanvasId = c.sections.first { $0.sisId == "MATH-P1" }!.canvasId
        }
        let ops = try plan(live)
        #expect(lines(ops) == ["replace enrollment MATH/S3/student/MATH-P2"])
        #expect(ops[0].reason == "section changed")
        #expect(ops[0].before?["section"] == .string("MATH-P1"))
        #expect(ops[0].after?["section"] == .string("MATH-P2"))
        #expect(ops[0].replaces != nil)
    }

    @Test func aChangedRoleIsReplaced() throws {
        var live = LiveFixture.matching(config)
        let te = live.user("TE").canvasId
        live.editCourse("MATH") { c in
            let i = c.enrollments.firstIndex { $0.userCanvasId == te }!
            c.enrollments[i].role = "ta"
        }
        let ops = try plan(live)
        #expect(lines(ops) == ["replace enrollment MATH/TE/teacher"])
        #expect(ops[0].reason == "role changed")
    }

    @Test func aMappedCourseWithoutSISIdIsAdopted() throws {
        let text = Self.configText.edited(replacing: "  - id: MATH\n", with: "  - id: MATH\n    canvas_id: 4321\n")
        let mapped = try #require(ConfigLoader.load(texts: [("c.yaml", text)]).config)
        var live = LiveFixture.matching(mapped)
        live.editCourse("MATH") { $0.sisId = nil }
        let ops = try plan(live, config: mapped)
        #expect(lines(ops) == ["adopt course MATH"])
        #expect(ops[0].canvasId == "4321")
        #expect(ops[0].after == ["sis_id": .string("MATH")])
    }

    @Test func aDeletedCourseHoldingItsSISIdIsRevived() throws {
        var live = LiveFixture.matching(config)
        live.editCourse("MATH") { c in
            c.workflowState = "deleted"
            c.enrollments = []
            c.sections = []
        }
        let ops = try plan(live)
        let course = try #require(ops.first { $0.kind == .course })
        #expect(course.action == .create)
        #expect(course.revive == true)
        #expect(course.reason == "a deleted course still holds this SIS id: it is revived")
        #expect(ops.filter { $0.kind == .enrollment }.count == 5)
    }

    @Test func maxWithdrawStopsAPlanUnlessAllowed() throws {
        let text = Self.configText.edited(replacing: "policy: {max_withdraw: 50%}", with: "policy: {max_withdraw: 2}")
        let strict = try #require(ConfigLoader.load(texts: [("c.yaml", text)]).config)
        var live = LiveFixture.matching(strict)
        let ids = ["S1", "S2", "S3"].map { live.user($0).canvasId }
        live.editCourse("MATH") { c in
            for id in ids {
                c.enrollments.append(LiveEnrollment(canvasId: "9\(id)", userCanvasId: id, role: "ta", sectionCanvasId: c.sections[0].canvasId, state: "active"))
            }
        }
        #expect(throws: PlanError([
            "the plan withdraws 3 of 7 managed enrollments (42.9%), more than max_withdraw 2; most in MATH (3). "
                + "If this is intended, run again with --allow-mass-withdraw",
        ])) { try plan(live, config: strict) }
        #expect(try plan(live, PlanOptions(allowMassWithdraw: true, now: Self.now), config: strict).count == 3)
    }

    @Test func enrollingIntoAConcludedCourseIsAPlanError() throws {
        var live = LiveFixture.matching(config)
        live.editCourse("MATH") { c in
            c.workflowState = "completed"
            c.enrollments.removeAll { $0.role == "teacher" }
        }
        let text = Self.configText.edited(replacing: "    published: true\n", with: "")
        let unpublished = try #require(ConfigLoader.load(texts: [("c.yaml", text)]).config)
        #expect(throws: PlanError(["course 'MATH' is concluded in Canvas, which refuses new enrollments in it: set 'published: true' to re-open it, or remove the enrollments from the config"])) {
            try plan(live, config: unpublished)
        }
        // Publishing re-opens it, and the enrollment waits for that.
        let ops = try plan(live)
        #expect(lines(ops) == ["update course MATH", "create enrollment MATH/TE/teacher"])
        #expect(ops[1].dependsOn == ["course:MATH"])
    }

    @Test func aCourseWhoseTermHasEndedRefusesEnrollments() throws {
        let later = PlanOptions(now: ConfigDate(iso: "2027-03-01")!)
        #expect(throws: PlanError.self) { try plan(LiveState(), later) }
    }

    @Test func targetNarrowsThePlanToAnObjectAndItsPrerequisites() throws {
        let result = try Planner(config: config, live: LiveState(), options: PlanOptions(targets: ["S3"], now: Self.now)).operations()
        #expect(lines(result.operations) == [
            "create term T1", "create course MATH", "create section MATH-P2", "create user S3",
            "create enrollment MATH/S3/student/MATH-P2",
        ])
        #expect(result.warnings.first?.hasPrefix("this plan is partial") == true)
    }

    @Test func sectionsLeftOutOfTheConfigAreDeletedAfterTheirEnrollments() throws {
        var live = LiveFixture.matching(config)
        let s1 = live.user("S1").canvasId
        live.editCourse("MATH") { c in
            c.sections.append(LiveSection(canvasId: "777", sisId: "MATH-OLD", name: "Old"))
            c.enrollments.append(LiveEnrollment(canvasId: "778", userCanvasId: s1, role: "student", sectionCanvasId: "777", state: "active"))
        }
        let conclude = try plan(live)
        #expect(lines(conclude) == ["conclude enrollment MATH/S1/student/MATH-OLD"])
        let text = Self.configText.edited(replacing: "policy: {max_withdraw: 50%}", with: "policy: {max_withdraw: 50%, withdraw: delete}")
        let deleting = try #require(ConfigLoader.load(texts: [("c.yaml", text)]).config)
        let ops = try plan(live, config: deleting)
        #expect(lines(ops) == ["delete enrollment MATH/S1/student/MATH-OLD", "delete section MATH-OLD"])
        #expect(ops[1].dependsOn == [ops[0].address])
    }
}

@Suite struct PlanRenderingTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(Planner.configHash(ConfigLoader.load(texts: [])) == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
