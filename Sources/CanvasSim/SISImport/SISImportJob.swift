import BulkFiles
/// Runs one SIS import off the request path: `created` → `importing` (progress moving as
/// rows are applied, a chunk of rows per store transaction, with a pause between chunks) →
/// optional batch-mode cleanup (`cleanup_batch`) → `imported` / `imported_with_messages` /
/// `failed_with_messages`. An abort or a reset stops it between chunks.
enum SISImportJob {
    static func run(core: SimCore, id: Int, bytes: [UInt8], isZip: Bool, name: String) async {
        let options: SISImportOptions? = core.store.transaction { s in
            guard !Task.isCancelled, var imp = s.sisImports[id], imp.workflowState == "created" else { return nil }
            imp.workflowState = "importing"
            imp.progress = 0
            imp.startedAt = s.now
            imp.updatedAt = s.now
            s.put(imp)
            return imp.options
        }
        guard let options else { return }

        let upload = SISUpload.open(bytes, isZip: isZip, name: name)
        var run = SISImportRun(id: id, options: options)
        run.messages = upload.messages
        if upload.fatal != nil {
            core.store.transaction { s in s.finishImport(id, &run, supplied: [], fatal: true) }
            return
        }
        var supplied: [String] = []
        for file in upload.files where !supplied.contains(file.kind.rawValue) { supplied.append(file.kind.rawValue) }
        let batches = supplied
        let started = core.store.transaction { s -> Bool in
            guard !Task.isCancelled, s.sisImports[id]?.workflowState == "importing" else { return false }
            s.sisImports[id]?.suppliedBatches = batches
            s.sisImports[id]?.counts = [:]
            return true
        }
        guard started else { return }

        let total = max(1, upload.rowCount)
        var done = 0
        for file in upload.files {
            run.file = file.name
            var index = 0
            let rows = file.table.rows
            while index < rows.count {
                let config = core.config.withLock { $0 }
                let chunk = rows[index..<min(index + config.bulkChunkRows, rows.count)]
                let progress = min(99, (done + chunk.count) * 100 / total)
                let going = core.store.transaction { s -> Bool in
                    // Stop when aborted, reset away, or shutting down.
                    guard !Task.isCancelled, s.sisImports[id]?.workflowState == "importing" else { return false }
                    for row in chunk { s.importRow(file.kind, file.table, row, &run) }
                    let now = s.now
                    // Not journaled: only state changes are.
                    s.sisImports[id]?.progress = progress
                    s.sisImports[id]?.counts = run.counts
                    s.sisImports[id]?.updatedAt = now
                    return true
                }
                guard going else { return }
                done += chunk.count
                index += chunk.count
                await JobQueue.pauseBetweenChunks(config)
            }
        }
        run.file = nil
        run.line = nil

        let failed = run.messages.contains { $0.failure }
        if options.batchMode && !failed {
            let going = core.store.transaction { s -> Bool in
                guard !Task.isCancelled, var imp = s.sisImports[id], imp.workflowState == "importing" else { return false }
                imp.workflowState = "cleanup_batch"
                imp.progress = 0
                imp.updatedAt = s.now
                s.put(imp)
                return true
            }
            guard going else { return }
            try? await Task.sleep(for: .milliseconds(core.config.withLock { $0.bulkChunkDelayMs }))
            let aborted = core.store.transaction { s -> Bool? in
                guard !Task.isCancelled, s.sisImports[id]?.workflowState == "cleanup_batch" else { return nil }
                return !s.batchModeCleanup(&run, supplied: Set(batches))
            }
            guard let aborted else { return }
            if aborted {
                core.store.transaction { s in s.finishImport(id, &run, supplied: batches, fatal: false, aborted: true) }
                return
            }
        }
        core.store.transaction { s in
            guard !Task.isCancelled, let state = s.sisImports[id]?.workflowState, state == "importing" || state == "cleanup_batch"
            else { return }
            s.finishImport(id, &run, supplied: batches, fatal: false)
        }
    }
}

extension StoreState {
    /// Records the outcome: counts, messages, the error CSV, the final state.
    mutating func finishImport(_ id: Int, _ run: inout SISImportRun, supplied: [String], fatal: Bool, aborted: Bool = false) {
        guard var imp = sisImports[id] else { return }
        let failures = run.messages.filter(\.failure).count
        let warnings = run.messages.count - failures
        var counts = Dictionary(uniqueKeysWithValues: SISImport.countKeys.map { ($0, 0) })
        for (key, n) in run.counts { counts[key] = n }
        counts["error_count"] = failures
        counts["warning_count"] = warnings
        imp.counts = counts
        imp.suppliedBatches = supplied
        imp.messages = run.messages
        if aborted {
            imp.workflowState = "aborted"
        } else if fatal || failures > 0 {
            imp.workflowState = "failed_with_messages"
        } else {
            imp.workflowState = run.messages.isEmpty ? "imported" : "imported_with_messages"
            imp.progress = 100
        }
        if !run.messages.isEmpty {
            var csv = CSV.line(["sis_import_id", "file", "message", "row"])
            for m in run.messages { csv += CSV.line([String(id), m.file, m.message, m.row.map(String.init)]) }
            let file = addFile(name: "sis_errors_attachment_\(id).csv", contentType: "text/csv", data: Array(csv.utf8))
            imp.errorsAttachmentId = file.id
        }
        imp.endedAt = now
        imp.updatedAt = now
        put(imp)
    }

    /// Batch mode (`app/models/sis_batch.rb`, `remove_previous_imports`): in the batch term, SIS-managed courses, sections and
    /// enrollments of the kinds the import supplied, and that this import did not touch, are
    /// deleted (enrollments get `batch_mode_enrollment_drop_status`). Only objects a SIS
    /// import has touched count. With `change_threshold`, too many deletes of one kind abort
    /// the cleanup instead. Returns false when it aborted.
    mutating func batchModeCleanup(_ run: inout SISImportRun, supplied: Set<String>) -> Bool {
        guard let termId = run.options.batchModeTermId else { return true }
        let termCourses = courses.values.filter { $0.termId == termId }
        let courseIds = Set(termCourses.map(\.id))

        let sisCourses = termCourses.filter { !$0.isDeleted && $0.sisImportId != nil && $0.sisCourseId != nil }
        let dropCourses = supplied.contains("course") ? sisCourses.filter { $0.sisImportId != run.id } : []

        let sisSections = courseIds.flatMap { sectionsByCourse[$0] ?? [] }.compactMap { sections[$0] }
            .filter { !$0.isDeleted && $0.sisImportId != nil && $0.sisSectionId != nil }
        let dropSections = supplied.contains("section") ? sisSections.filter { $0.sisImportId != run.id } : []

        let sisEnrollments = courseIds.flatMap { enrollmentsByCourse[$0] ?? [] }.compactMap { enrollments[$0] }
            .filter { $0.workflowState != "deleted" && $0.sisImportId != nil }
        let dropEnrollments = supplied.contains("enrollment") ? sisEnrollments.filter { $0.sisImportId != run.id } : []

        if let threshold = run.options.changeThreshold {
            for (count, all, type) in [
                (dropCourses.count, sisCourses.count, "courses"), (dropSections.count, sisSections.count, "sections"),
                (dropEnrollments.count, sisEnrollments.count, "enrollments"),
            ] where count > 0 && Double(count) / Double(max(all, 1)) * 100 > Double(threshold) {
                run.warn("\(count) \(type) would be deleted and exceeds the set threshold of \(threshold)%")
                return false
            }
        }

        let drop: EnrollmentTask
        switch run.options.batchModeEnrollmentDropStatus {
        case "completed": drop = .conclude
        case "inactive": drop = .inactivate
        default: drop = .delete
        }
        for e in dropEnrollments { _ = withdraw(e.id, task: drop) }
        for var sec in dropSections {
            for eid in enrollmentsBySection[sec.id] ?? [] where enrollments[eid]?.workflowState != "deleted" {
                _ = withdraw(eid, task: .delete)
            }
            sec.workflowState = "deleted"
            sec.updatedAt = now
            put(sec)
        }
        for c in dropCourses {
            applyCourseEvent(.delete, to: c.id)
            if var deleted = courses[c.id], let stuck = deleted.stuckSisFields, stuck.contains("workflow_state") {
                deleted.stuckSisFields = Sticky.removing("workflow_state", from: stuck)
                put(deleted)
            }
        }
        run.count("batch_courses_deleted", by: dropCourses.count)
        run.count("batch_sections_deleted", by: dropSections.count)
        run.count("batch_enrollments_deleted", by: dropEnrollments.count)
        return true
    }

    /// Imports a previous run left `created` or `importing` will never finish: they fail.
    mutating func failInterruptedImports() {
        for var imp in sisImports.values where !imp.isFinished {
            imp.workflowState = "failed"
            imp.errorMessage = "canvas-sim stopped before the import finished"
            imp.endedAt = now
            imp.updatedAt = now
            put(imp)
        }
    }
}
