import EaselCore
import Synchronization
import Testing

@Suite struct ApplyEngineTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "Canvas said no" }
    }

    static func op(_ address: String, _ deps: [String] = []) -> PlanOperation {
        var op = PlanOperation(address: address, action: .create, kind: .course, id: address)
        op.dependsOn = deps
        return op
    }

    @Test func operationsRunAfterTheirDependenciesAndFailuresSkipDependents() async {
        let order = Mutex<[String]>([])
        let engine = ApplyEngine(parallelism: 4) { op, _ in
            order.withLock { $0.append(op.address) }
            if op.address == "course:B" { throw Failure() }
            return OperationOutcome(canvasId: "id-\(op.address)")
        }
        let ops = [
            Self.op("term:T"), Self.op("course:A", ["term:T"]), Self.op("course:B", ["term:T"]),
            Self.op("section:B1", ["course:B"]), Self.op("enrollment:B1/x", ["section:B1"]), Self.op("section:A1", ["course:A"]),
        ]
        let report = await engine.run(ops)
        let ran = order.withLock { $0 }
        #expect(ran.first == "term:T")
        #expect(Set(ran) == ["term:T", "course:A", "course:B", "section:A1"])
        #expect(ran.firstIndex(of: "section:A1")! > ran.firstIndex(of: "course:A")!)
        #expect(report.failed.map(\.0.address) == ["course:B"])
        #expect(report.failed.first?.1 == "Canvas said no")
        #expect(Set(report.skipped.map(\.address)) == ["section:B1", "enrollment:B1/x"])
        #expect(report.outcome["enrollment:B1/x"] == .skipped(because: "course:B"))
        #expect(!report.isComplete)
    }

    @Test func parallelismIsBounded() async {
        let inFlight = Mutex((now: 0, peak: 0))
        let engine = ApplyEngine(parallelism: 3) { _, _ in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try await Task.sleep(for: .milliseconds(5))
            inFlight.withLock { $0.now -= 1 }
            return OperationOutcome(canvasId: nil)
        }
        let report = await engine.run((0..<30).map { Self.op("course:\($0)") })
        #expect(report.succeeded.count == 30)
        #expect(inFlight.withLock { $0.peak } == 3)
        #expect(report.completionLine == "Apply complete: 30 created, 0 updated, 0 withdrawn, 0 replaced.")
    }

    /// As when the journal stops taking lines: what is running finishes, nothing new starts.
    @Test func aStoppedRunFinishesWhatRunsAndStartsNothingMore() async {
        let state = Mutex((ended: 0, stopped: false, ran: 0))
        var engine = ApplyEngine(parallelism: 3) { _, _ in
            state.withLock { $0.ran += 1 }
            try await Task.sleep(for: .milliseconds(5))
            return OperationOutcome(canvasId: nil)
        }
        engine.onEvent = { _ in state.withLock { $0.ended += 1; if $0.ended == 5 { $0.stopped = true } } }
        engine.mayStart = { !state.withLock { $0.stopped } }
        let report = await engine.run((0..<30).map { Self.op("course:\($0)") })
        let final = state.withLock { $0 }
        // At the 5th end at most two others were in flight (parallelism 3); they finished.
        #expect((5...7).contains(report.succeeded.count), "the 5th and those still running: \(report.succeeded.count)")
        #expect(final.ran == report.succeeded.count, "every operation that started finished")
        #expect(report.notStarted.count == 30 - report.succeeded.count)
        #expect(!report.isComplete)
    }

    @Test func laterOperationsSeeTheIdsEarlierOnesCreated() async {
        let seen = Mutex<String?>(nil)
        let engine = ApplyEngine(parallelism: 2) { op, resolved in
            if op.address == "section:S" { seen.withLock { $0 = resolved[.course, "C"] } }
            return OperationOutcome(canvasId: op.kind == .course ? "42" : "7")
        }
        var section = PlanOperation(address: "section:S", action: .create, kind: .section, id: "S")
        section.dependsOn = ["course:C"]
        _ = await engine.run([PlanOperation(address: "course:C", action: .create, kind: .course, id: "C"), section])
        #expect(seen.withLock { $0 } == "42")
    }
}
