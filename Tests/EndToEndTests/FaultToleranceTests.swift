import CanvasSim
import Foundation
import Testing

/// Apply through Canvas's faults: 5xx, lost responses and throttling never duplicate an
/// object, and a second run finishes what the first could not.
@Suite(.serialized) struct FaultToleranceTests {
    static let config = SimHarness.path("examples/class-as-term")

    @Test(arguments: 1...10)
    func applyConvergesWithoutDuplicatesThroughFaults(_ run: Int) async throws {
        try await SimHarness.with(seed: nil, configure: { options in
            options.faultSeed = UInt64(run)
            options.runtime.faultRate = 0.05
            options.runtime.dropRate = 0.05
            // Two requests in flight fill the bucket: throttled at the client's starting
            // parallelism, while it drains fast enough for the run to finish. The latency
            // makes requests overlap even on a loaded machine.
            options.runtime.latencyMs = 5
            options.runtime.throttle.upFrontCost = 300
            options.runtime.throttle.costPerRequest = 5
            options.runtime.throttle.outflow = 200
        }) { sim in
            let journal = sim.directory.appendingPathComponent("j").path
            var attempts = 0
            var last = await sim.easel(["apply", Self.config, "--auto-approve", "--journal", journal])
            while last.code != 0, attempts < 3 {
                attempts += 1
                last = await sim.easel(["apply", Self.config, "--auto-approve", "--journal", journal])
            }
            #expect(last.code == 0, "run \(run): \(last.err.suffix(1500))")
            let stats = sim.server.requestStats
            #expect(stats.throttled > 0, "throttling was forced")
            Duplicates.assertNone(in: sim.server.snapshot())
            sim.server.updateConfig { $0.faultRate = 0; $0.dropRate = 0 }
            let plan = await sim.easel(["plan", Self.config, "--detailed-exitcode"])
            #expect(plan.code == 0, "run \(run): \(plan.out.suffix(1500))")
        }
    }

    @Test func anApplyKilledHalfwayIsFinishedByTheNextOne() async throws {
        try await SimHarness.with(seed: nil, configure: { $0.runtime.latencyMs = 15 }) { sim in
            let easel = try #require(Binaries.easel, "the easel binary is built beside the tests")
            let process = Process()
            process.executableURL = easel
            process.arguments = ["apply", Self.config, "--auto-approve", "--journal", sim.directory.appendingPathComponent("j").path]
            process.environment = ["CANVAS_URL": sim.server.baseURL, "CANVAS_TOKEN": SimHarness.token, "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill it once some, not all, of the work is done.
            // Up to 30 s for a slow start on a loaded machine; it stops waiting once 20 are in.
            let deadline = ContinuousClock.now + .seconds(30)
            while sim.server.snapshot().enrollments.count < 20, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let done = sim.server.snapshot().enrollments.count
            #expect(done > 0)
            #expect(done < 82, "the apply was killed before it finished")

            let remaining = await sim.easel(["plan", Self.config, "--detailed-exitcode"])
            #expect(remaining.code == 2)
            #expect(remaining.out.contains("to create"))
            let finish = await sim.easel(["apply", Self.config, "--auto-approve", "--journal", sim.directory.appendingPathComponent("j2").path])
            #expect(finish.code == 0, "\(finish.err.suffix(1500))")
            #expect(await sim.easel(["plan", Self.config, "--detailed-exitcode"]).code == 0)
            Duplicates.assertNone(in: sim.server.snapshot())
        }
    }
}

enum Binaries {
    /// `easel` from the same build folder as the test bundle.
    static var easel: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("easel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}

/// No SIS id, login or enrollment key may appear twice in the simulator's state.
enum Duplicates {
    static func assertNone(in state: SimState, sourceLocation: SourceLocation = #_sourceLocation) {
        func dupes<K: Hashable>(_ keys: [K]) -> [K] {
            Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.map(\.key)
        }
        #expect(dupes(state.terms.compactMap(\.sisTermId)).isEmpty, "terms", sourceLocation: sourceLocation)
        #expect(dupes(state.courses.compactMap(\.sisCourseId)).isEmpty, "courses", sourceLocation: sourceLocation)
        #expect(dupes(state.sections.compactMap(\.sisSectionId)).isEmpty, "sections", sourceLocation: sourceLocation)
        #expect(dupes(state.logins.map { $0.uniqueId.lowercased() }).isEmpty, "logins", sourceLocation: sourceLocation)
        #expect(dupes(state.logins.compactMap(\.sisUserId)).isEmpty, "sis user ids", sourceLocation: sourceLocation)
        #expect(state.users.count == Set(state.logins.map(\.userId)).count, "every user has a login: no orphan duplicate users", sourceLocation: sourceLocation)
        let keys = state.enrollments.map { "\($0.userId)/\($0.courseId)/\($0.courseSectionId)/\($0.type)/\($0.roleId)/\($0.associatedUserId ?? 0)" }
        #expect(dupes(keys).isEmpty, "enrollments", sourceLocation: sourceLocation)
    }
}
