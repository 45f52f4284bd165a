import CanvasAPI

/// Carries out a staged plan: the API operations the import needs, the SIS import, a check
/// that the import's rows took, then the remaining API operations.
///
/// Every operation ends as one `ApplyEvent` (done, failed or skipped), whichever path ran
/// it, so the journal, the progress and the completion line need not know about SIS.
/// A row Canvas warns about fails the operation behind it, with Canvas's message; an import
/// that fails or is aborted fails all its operations, and whatever waits for them is
/// skipped: nothing is lost, and the next `easel apply` (or `plan`) shows what remains.
public struct SISApply: Sendable {
    public var importer: SISImporter
    public var runner: any OperationRunner
    public var context: SISContext
    public var parallelism: Int
    /// `override_sis_stickiness=true`: fields that easel's own API writes (or a person in
    /// the UI) made sticky would otherwise be skipped silently, and the import would not
    /// do what the plan shows. Stickiness is not cleared: fields stuck by hand stay
    /// protected from the school's own SIS feed, as they were.
    public var options = SISImportUploadOptions(overrideSISStickiness: true)
    /// `--via auto`: when Canvas refuses the upload outright (no permission, SIS imports off),
    /// the rows' operations go through the API instead of failing.
    public var fallBackToAPI = false
    public var onEvent: (@Sendable (ApplyEvent) -> Void)?
    /// Asked before each operation or the import starts (see `ApplyEngine.mayStart`).
    public var mayStart: @Sendable () -> Bool = { true }
    /// Each status read of the import, for progress.
    public var onImport: (@Sendable (CanvasSISImport) -> Void)?
    /// What of the imported operations did not take, by address (a re-plan, or the saved
    /// plan's postconditions read back).
    public var verify: (@Sendable ([PlanOperation]) async throws -> [String: String])?

    public init(importer: SISImporter, runner: any OperationRunner, context: SISContext, parallelism: Int) {
        self.importer = importer
        self.runner = runner
        self.context = context
        self.parallelism = parallelism
    }

    public func run(_ staging: SISStaging, total: Int) async -> ApplyReport {
        var report = ApplyReport(total: total)
        var engine = ApplyEngine(runner: runner, parallelism: parallelism, onEvent: onEvent)
        engine.mayStart = mayStart
        if !staging.before.isEmpty { report.absorb(await engine.run(staging.before)) }

        // Rows whose prerequisite did not happen stay out of the upload.
        var blocked = blockedRoots(report)
        var rows: [PlanOperation] = []
        for op in staging.imported {
            if let root = op.dependsOn.lazy.compactMap({ blocked[$0] }).first {
                skip(op, because: root, &report, &blocked)
            } else {
                rows.append(op)
            }
        }
        if !rows.isEmpty {
            if mayStart() {
                await runImport(rows, &report, &blocked)
            } else {
                report.notStarted += rows
                for op in rows { blocked[op.address] = op.address }
            }
        }
        if Task.isCancelled || !mayStart() {
            report.notStarted += staging.after.filter { report.outcome[$0.address] == nil }
            return report
        }
        var later: [PlanOperation] = []
        for op in staging.after {
            if let root = op.dependsOn.lazy.compactMap({ blocked[$0] }).first {
                skip(op, because: root, &report, &blocked)
            } else {
                later.append(op)
            }
        }
        if !later.isEmpty { report.absorb(await engine.run(later)) }
        return report
    }

    /// Uploads `rows`, waits, and settles each operation from Canvas's messages and the check.
    private func runImport(_ rows: [PlanOperation], _ report: inout ApplyReport, _ blocked: inout [String: String]) async {
        let upload = SISCSVBuilder(context: context).upload(rows)
        let outcome: SISImporter.Outcome
        do {
            outcome = try await importer.run(zip: try upload.zip(), options: options, progress: onImport)
        } catch let failure as SISImporter.Failure where failure.refused && fallBackToAPI {
            report.notes.append("\(failure.message); its \(rows.count) operations went through the API instead")
            var fallback = ApplyEngine(runner: runner, parallelism: parallelism, onEvent: onEvent)
            fallback.mayStart = mayStart
            let api = await fallback.run(rows)
            report.absorb(api)
            blocked.merge(blockedRoots(api)) { first, _ in first }
            return
        } catch {
            let message = String(describing: error)
            for op in rows { fail(op, message, &report, &blocked) }
            return
        }
        var problems: [String: [String]] = [:]
        let index = upload.addressIndex()
        for m in outcome.messages {
            if let file = m.file, let line = m.row, let address = index[file]?[line] {
                problems[address, default: []].append("canvas: \(m.message) (\(m.file ?? "?") line \(m.row ?? 0))")
            } else {
                report.notes.append("SIS import \(outcome.id): \(m.file.map { "\($0): " } ?? "")\(m.message)")
            }
        }
        guard outcome.imported else {
            let why = outcome.errorMessage.map { ": \($0)" } ?? ""
            // Canvas applies an import row by row, not as a transaction: rows before the failure may
            // have taken. None is counted as done; a new plan shows which did not.
            let message = "SIS import \(outcome.id) ended \(outcome.workflowState)\(why); none of its rows is counted as done, "
                + "though Canvas may have applied some: run 'easel plan' to see what remains"
            report.notes.append(message)
            for op in rows { fail(op, ([message] + (problems[op.address] ?? [])).joined(separator: "; "), &report, &blocked) }
            return
        }
        report.notes.append(
            "SIS import \(outcome.id): \(outcome.workflowState), \(upload.rowCount) rows, \(outcome.messages.count) messages")
        var notTaken: [String: String] = [:]
        if let verify {
            do {
                notTaken = try await verify(rows.filter { problems[$0.address] == nil })
            } catch {
                report.notes.append("the check after SIS import \(outcome.id) could not read Canvas (\(error)); run 'easel plan' to verify")
            }
        }
        for op in rows {
            if let messages = problems[op.address] {
                fail(op, messages.joined(separator: "; "), &report, &blocked)
            } else if let what = notTaken[op.address] {
                fail(op, "SIS import \(outcome.id) accepted the row, but \(what)", &report, &blocked)
            } else {
                report.outcome[op.address] = .done(canvasId: op.canvasId)
                report.succeeded.append(op)
                onEvent?(.done(op, canvasId: op.canvasId))
            }
        }
    }

    // MARK: outcomes

    /// Failed, skipped and unstarted operations of a stage, each with the failure behind it.
    private func blockedRoots(_ report: ApplyReport) -> [String: String] {
        var blocked: [String: String] = [:]
        for (address, outcome) in report.outcome {
            switch outcome {
            case .done: break
            case .failed: blocked[address] = address
            case .skipped(let root): blocked[address] = root
            }
        }
        for op in report.notStarted { blocked[op.address] = op.address }
        return blocked
    }

    private func fail(_ op: PlanOperation, _ message: String, _ report: inout ApplyReport, _ blocked: inout [String: String]) {
        report.outcome[op.address] = .failed(message: message)
        report.failed.append((op, message))
        blocked[op.address] = op.address
        onEvent?(.failed(op, message: message))
    }

    private func skip(_ op: PlanOperation, because root: String, _ report: inout ApplyReport, _ blocked: inout [String: String]) {
        report.outcome[op.address] = .skipped(because: root)
        report.skipped.append(op)
        blocked[op.address] = root
        onEvent?(.skipped(op, because: root))
    }
}
