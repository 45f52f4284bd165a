import CanvasSim
import EaselCore
import Foundation
import Testing

/// A saved plan is carried out only as it was made: each way of tampering with the file is
/// refused before anything is written to Canvas (the seal's before anything is read).
@Suite struct SavedPlanSealTests {
    static let school = SimHarness.path("examples/school")
    static let key = ["EASEL_PLAN_KEY": "ci-secret-1"]

    /// The plan file as JSON, edited as someone with the artifact (but not the key) would.
    static func tamper(_ path: String, _ edit: (inout [String: Any]) throws -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let before = json as NSDictionary
        try edit(&json)
        #expect(!before.isEqual(to: json), "the edit changed the plan")
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }

    static func operations(_ json: [String: Any]) throws -> [[String: Any]] {
        try #require(json["operations"] as? [[String: Any]])
    }

    /// Plans the school into a file on a simulator, then runs `body` with both.
    static func withSaved(environment: [String: String] = [:], _ body: (SimHarness, String) async throws -> Void) async throws {
        try await SimHarness.with { sim in
            let file = sim.directory.appendingPathComponent("school.plan").path
            let made = await sim.easel(["plan", school, "--out", file], environment: environment)
            #expect(made.code == 0, "\(made.err)")
            sim.server.resetRequestStats()
            try await body(sim, file)
        }
    }

    /// Applies the saved plan: the run, and how many requests Canvas saw.
    static func apply(_ sim: SimHarness, _ arguments: [String], environment: [String: String] = [:]) async -> (SimHarness.Run, Int) {
        let apply = await sim.easel(["apply", "--plan"] + arguments, environment: environment)
        return (apply, sim.server.requestStats.total)
    }

    /// Whether the simulator saw a request that could change Canvas.
    static func wrote(_ sim: SimHarness) -> Bool {
        sim.server.requestStats.byRoute.keys.contains { !$0.hasPrefix("GET ") }
    }

    enum Tampering: String, CaseIterable, Sendable {
        case changedValue, addedCreate, addedDelete
    }

    @Test(arguments: Tampering.allCases)
    func anEditedPlanIsRefusedBeforeCanvasIsRead(_ tampering: Tampering) async throws {
        try await Self.withSaved { sim, file in
            try Self.tamper(file) { json in
                var ops = try Self.operations(json)
                let course = try #require(ops.firstIndex { $0["kind"] as? String == "course" && $0["action"] as? String == "create" })
                switch tampering {
                case .changedValue:
                    var after = try #require(ops[course]["after"] as? [String: Any])
                    after["name"] = "Renamed by someone"
                    ops[course]["after"] = after
                case .addedCreate:
                    var extra = ops[course]
                    extra["id"] = "2026-FALL-EXTRA"
                    extra["address"] = "course:2026-FALL-EXTRA"
                    ops.append(extra)
                case .addedDelete:
                    ops.append([
                        "address": "course:STAFF-ROOM", "action": "delete", "kind": "course", "id": "STAFF-ROOM",
                        "canvas_id": "4321", "depends_on": [String](),
                    ])
                }
                json["operations"] = ops
            }
            let (apply, requests) = await Self.apply(sim, [file])
            #expect(apply.code == 1)
            #expect(apply.err.contains("the plan's content does not match its digest"), "\(apply.err)")
            #expect(requests == 0, "refused before Canvas was read")
        }
    }

    @Test func aPlanWithoutItsSealIsRefused() async throws {
        try await Self.withSaved { sim, file in
            try Self.tamper(file) { $0["seal"] = nil }
            let (apply, requests) = await Self.apply(sim, [file])
            #expect(apply.code == 1)
            #expect(apply.err.contains("the plan carries no seal"), "\(apply.err)")
            #expect(requests == 0)
        }
    }

    @Test func aSignedPlanIsAppliedWithItsKey() async throws {
        try await Self.withSaved(environment: Self.key) { sim, file in
            let apply = await sim.easel(["apply", "--plan", file], environment: Self.key)
            #expect(apply.code == 0, "\(apply.err.suffix(800))")
            #expect(apply.err.contains("checked the saved plan: digest, signature (EASEL_PLAN_KEY), live Canvas unchanged"), "\(apply.err)")
        }
    }

    @Test func aSignedPlanWhoseSignatureWasRemovedIsRefused() async throws {
        try await Self.withSaved(environment: Self.key) { sim, file in
            try Self.tamper(file) { json in
                var seal = try #require(json["seal"] as? [String: Any])
                seal["signature"] = nil
                json["seal"] = seal
            }
            let (apply, requests) = await Self.apply(sim, [file], environment: Self.key)
            #expect(apply.code == 1)
            #expect(apply.err.contains("EASEL_PLAN_KEY is set, but the plan is not signed"), "\(apply.err)")
            #expect(requests == 0)
        }
    }

    @Test func aPlanSignedWithAnotherKeyIsRefused() async throws {
        try await Self.withSaved(environment: Self.key) { sim, file in
            let (apply, requests) = await Self.apply(sim, [file], environment: ["EASEL_PLAN_KEY": "another-key"])
            #expect(apply.code == 1)
            #expect(apply.err.contains("the plan's signature does not match EASEL_PLAN_KEY"), "\(apply.err)")
            #expect(requests == 0)
        }
    }

    /// Someone edits the plan and seals it again (anyone can compute a digest): without a
    /// key, the config is what catches it.
    @Test func aResealedPlanIsRefusedWhenTheConfigDoesNotAskForIt() async throws {
        try await Self.withSaved { sim, file in
            var (plan, _) = try PlanJSON.decodeSaved(Data(contentsOf: URL(fileURLWithPath: file)))
            let index = try #require(plan.operations.firstIndex { $0.kind == .course && $0.action == .create })
            plan.operations[index].after?["name"] = .string("Renamed by someone")
            try PlanJSON.encodeSaved(plan, key: nil).write(toFile: file, atomically: true, encoding: .utf8)

            let unchecked = await sim.easel(["apply", "--plan", file, Self.school])
            let wrote = Self.wrote(sim)
            #expect(unchecked.code == 1)
            #expect(unchecked.err.contains("1 of its operations is not what '\(Self.school)' asks for"), "\(unchecked.err)")
            #expect(unchecked.err.contains("the config asks for it differently"), "\(unchecked.err)")
            #expect(!wrote, "nothing was written to Canvas")
        }
    }

    /// The plan-wide fields the runner trusts count too: `notify` mails every enrolled user.
    @Test func aResealedPlanThatTurnsOnNotifyIsRefused() async throws {
        try await Self.withSaved { sim, file in
            var (plan, _) = try PlanJSON.decodeSaved(Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(plan.notify == false)
            plan.notify = true
            try PlanJSON.encodeSaved(plan, key: nil).write(toFile: file, atomically: true, encoding: .utf8)
            let apply = await sim.easel(["apply", "--plan", file, Self.school])
            #expect(apply.code == 1)
            #expect(apply.err.contains("policy.notify is false, the plan says true"), "\(apply.err)")
            #expect(!Self.wrote(sim), "nothing was written to Canvas")
        }
    }

    @Test func aPlanMadeFromAnotherConfigIsRefused() async throws {
        try await Self.withSaved { sim, file in
            let other = SimHarness.path("examples/class-as-term")
            let (apply, requests) = await Self.apply(sim, [file, other])
            #expect(apply.code == 1)
            #expect(apply.err.contains("it was made from another config than '\(other)'"), "\(apply.err)")
            #expect(requests == 0)
        }
    }

    @Test func thePlansOwnConfigPassesEveryCheck() async throws {
        try await Self.withSaved(environment: Self.key) { sim, file in
            let apply = await sim.easel(["apply", "--plan", file, Self.school], environment: Self.key)
            #expect(apply.code == 0, "\(apply.err.suffix(800))")
            #expect(
                apply.err.contains(
                    "checked the saved plan: digest, signature (EASEL_PLAN_KEY), config hash, live Canvas unchanged, every operation asked for by the config"),
                "\(apply.err)")
        }
    }

    /// The seal covers the canonical form: a plan decoded and written again seals the same.
    @Test func theCanonicalFormRoundTrips() async throws {
        try await Self.withSaved(environment: Self.key) { sim, file in
            let data = try? Data(contentsOf: URL(fileURLWithPath: file))
            let (plan, seal) = try PlanJSON.decodeSaved(try #require(data))
            #expect(seal == PlanSeal.make(for: plan, key: "ci-secret-1"))
            #expect(PlanJSON.encodeSaved(plan, key: "ci-secret-1") == String(decoding: try #require(data), as: UTF8.self))
        }
    }
}
