import CanvasSim
@testable import DistrictKit
import Foundation
import Testing

/// The benchmark's generator against easel: its matching seed plans to nothing, its drift
/// plans to exactly what it reports, and both drift and an empty Canvas converge on apply.
@Suite(.serialized) struct DistrictEndToEndTests {
    static var options: DistrictOptions {
        var o = DistrictOptions()
        o.courses = 16
        o.users = 90
        o.enrollments = 400
        o.drift = 0.1
        o.seed = 7
        return o
    }

    /// Runs `body` with a simulator holding one of the district's seeds, the district written
    /// into its directory (the config's path), and the drift report; stops the simulator after.
    static func withDistrict(
        _ seed: (District) -> SimSeed, _ body: (SimHarness, String, DriftReport) async throws -> Void
    ) async throws {
        let district = DistrictGenerator.generate(options)
        try await SimHarness.with(seed: nil, configure: { $0.seed = seed(district) }) { sim in
            let (_, report) = try DistrictWriter(directory: sim.directory).write(options)
            try await body(sim, sim.directory.appendingPathComponent("config").path, report)
        }
    }

    @Test func theMatchingSeedPlansToNoChanges() async throws {
        try await Self.withDistrict({ $0.matchingSeed() }) { sim, config, _ in
            #expect(await sim.easel(["validate", config]).code == 0)
            let plan = await sim.easel(["plan", config, "--detailed-exitcode"])
            #expect(plan.code == 0, "\(plan.out)\(plan.err)")
            #expect(plan.out.contains("No changes."))
        }
    }

    @Test func theDriftPlansToWhatTheReportSaysAndConverges() async throws {
        try await Self.withDistrict({ DriftMaker.drift($0).seed }) { sim, config, report in
            let plan = await sim.easel(["plan", config, "--format", "json"])
            #expect(plan.code == 0, "\(plan.err)")
            let json = try JSONSerialization.jsonObject(with: Data(plan.out.utf8)) as? [String: Any]
            let operations = json?["operations"] as? [[String: Any]] ?? []
            var planned: [String: Int] = [:]
            for op in operations { planned["\(op["action"] ?? "") \(op["kind"] ?? "")", default: 0] += 1 }
            var expected: [String: Int] = [:]
            for item in report.items { if let op = item.kind.expectedOperation { expected[op, default: 0] += 1 } }
            #expect(planned == expected)
            #expect(report.count(.renamedCourse) > 0 && report.count(.movedEnrollment) > 0 && report.count(.unmanagedEnrollment) > 0)

            let journal = sim.directory.appendingPathComponent("journal.jsonl").path
            #expect(await sim.easel(["apply", config, "--auto-approve", "--journal", journal]).code == 0)
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }

    /// A drifted district through one SIS import: it converges, and the write path (the
    /// import, its polls, the API operations it cannot carry) stays a handful of requests.
    @Test func theDriftConvergesThroughASISImportInFewWrites() async throws {
        var options = Self.options
        (options.courses, options.users, options.enrollments, options.drift) = (100, 600, 3000, 0.05)
        let district = DistrictGenerator.generate(options)
        try await SimHarness.with(seed: nil, configure: { $0.seed = DriftMaker.drift(district).seed }) { sim in
            _ = try DistrictWriter(directory: sim.directory).write(options)
            let config = sim.directory.appendingPathComponent("config").path
            let journal = sim.directory.appendingPathComponent("journal.jsonl").path
            sim.server.resetRequestStats()
            let apply = await sim.easel(["apply", config, "--auto-approve", "--via", "sis-import", "--journal", journal])
            #expect(apply.code == 0, "\(apply.err)")
            #expect(apply.err.contains("applying via SIS import: 180 operations in one import, 0 through the API"), "\(apply.err)")
            let stats = sim.server.requestStats
            let writes = stats.byRoute.filter { !$0.key.hasPrefix("GET") || $0.key.contains("sis_imports") }.values.reduce(0, +)
            #expect(writes < 10, "\(stats.byRoute)")
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }

    @Test func anEmptyCanvasConverges() async throws {
        try await Self.withDistrict({ $0.emptySeed() }) { sim, config, _ in
            let journal = sim.directory.appendingPathComponent("journal.jsonl").path
            let apply = await sim.easel(["apply", config, "--auto-approve", "--journal", journal])
            #expect(apply.code == 0, "\(apply.err)")
            #expect(await sim.easel(["plan", config, "--detailed-exitcode"]).code == 0)
        }
    }

    @Test func theSameSeedGivesTheSameDistrict() throws {
        var other = Self.options
        other.seed = 8
        let a = DistrictGenerator.generate(Self.options), b = DistrictGenerator.generate(Self.options)
        #expect(a.configFiles().map(\.text) == b.configFiles().map(\.text))
        #expect(try a.matchingSeed().encoded() == b.matchingSeed().encoded())
        #expect(try DriftMaker.drift(a).seed.encoded() == DriftMaker.drift(b).seed.encoded())
        #expect(DistrictGenerator.generate(other).configFiles().map(\.text) != a.configFiles().map(\.text))
        #expect(a.enrollmentCount == 400 && a.courses.count == 16 && a.users.count == 90)
    }

    @Test(arguments: [(2026, 2, "2026-FALL", "2027-01-15"), (2026, 4, "2026-T1", "2026-11-04"), (2026, 1, "2026-YEAR", "2027-06-11")])
    func termsSplitTheSchoolYear(year: Int, count: Int, firstId: String, firstEnd: String) {
        let terms = DistrictGenerator.terms(year: year, count: count)
        #expect(terms.count == count)
        #expect(terms.first?.id == firstId && terms.first?.end == firstEnd)
        #expect(terms.last?.end == "\(year + 1)-06-11")
    }
}
