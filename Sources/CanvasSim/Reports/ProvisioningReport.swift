import BulkFiles
/// The provisioning report (`provisioning_csv`, Canvas's `SisExporter` in its non-SIS
/// format): one CSV per requested kind, with Canvas's columns and its status vocabularies,
/// which differ from the API's (`gems/plugins/account_reports/lib/account_reports/sis_exporter.rb`).
enum ProvisioningKind: String, CaseIterable, Sendable {
    // Canvas's order (SIS_CSV_REPORTS).
    case users, accounts, terms, courses, sections, enrollments

    var headers: [String] {
        switch self {
        case .users:
            return ["canvas_user_id", "user_id", "integration_id", "authentication_provider_id", "login_id", "first_name",
                    "last_name", "full_name", "sortable_name", "short_name", "email", "status", "created_by_sis"]
        case .accounts:
            return ["canvas_account_id", "account_id", "canvas_parent_id", "parent_account_id", "name", "status", "created_by_sis"]
        case .terms:
            return ["canvas_term_id", "term_id", "name", "status", "start_date", "end_date", "created_by_sis"]
        case .courses:
            return ["canvas_course_id", "course_id", "integration_id", "short_name", "long_name", "canvas_account_id", "account_id",
                    "canvas_term_id", "term_id", "status", "start_date", "end_date", "course_format", "created_by_sis"]
        case .sections:
            return ["canvas_section_id", "section_id", "canvas_course_id", "course_id", "integration_id", "name", "status",
                    "start_date", "end_date", "canvas_account_id", "account_id", "created_by_sis"]
        case .enrollments:
            return ["canvas_course_id", "course_id", "canvas_user_id", "user_id", "role", "role_id", "canvas_section_id",
                    "section_id", "status", "canvas_associated_user_id", "associated_user_id", "created_by_sis", "base_role_type",
                    "limit_section_privileges", "canvas_enrollment_id"]
        }
    }
}

/// What one report run covers.
struct ProvisioningScope: Sendable {
    var accountId: Int
    var isRoot: Bool
    /// The report's account and its descendants.
    var subtree: Set<Int>
    var termId: Int?
    var includeDeleted: Bool
}

extension StoreState {
    /// Course states as the report writes them.
    static func reportCourseStatus(_ state: String) -> String {
        switch state {
        case "created", "claimed": return "unpublished"
        case "available": return "active"
        case "completed": return "concluded"
        default: return state
        }
    }

    /// An enrollment's report status: `invited` also for `creation_pending`, `concluded` for
    /// `completed`, and `deleted` when its section or course is deleted.
    func reportEnrollmentStatus(_ e: Enrollment) -> String {
        if courses[e.courseId]?.isDeleted ?? true || sections[e.courseSectionId]?.isDeleted ?? true { return "deleted" }
        switch e.workflowState {
        case "invited", "creation_pending": return "invited"
        case "completed": return "concluded"
        default: return e.workflowState
        }
    }

    private func courseInScope(_ c: Course, _ scope: ProvisioningScope) -> Bool {
        scope.subtree.contains(c.accountId) && (scope.termId.map { c.termId == $0 } ?? true)
    }

    /// The ids (logins for users) of the rows of one file, in id order.
    func provisioningIds(_ kind: ProvisioningKind, _ scope: ProvisioningScope) -> [Int] {
        let deleted = scope.includeDeleted
        switch kind {
        case .users:
            var userIds: Set<Int>?
            if !scope.isRoot {
                // A sub-account's report lists the users enrolled in its courses.
                var ids = Set<Int>()
                for aid in scope.subtree {
                    for cid in coursesByAccount[aid] ?? [] {
                        for eid in enrollmentsByCourse[cid] ?? [] { if let e = enrollments[eid] { ids.insert(e.userId) } }
                    }
                }
                userIds = ids
            }
            return logins.values.filter { l in
                guard let u = users[l.userId] else { return false }
                if let userIds, !userIds.contains(u.id) { return false }
                if deleted { return l.workflowState != "deleted" || l.sisUserId != nil }
                return l.workflowState != "deleted" && u.workflowState != "deleted"
            }.map(\.id).sorted()
        case .accounts:
            return accounts.values.filter { a in
                guard let parent = a.parentAccountId else { return false }
                if !scope.isRoot && parent != scope.accountId { return false }
                return deleted ? (a.workflowState != "deleted" || a.sisAccountId != nil) : a.workflowState != "deleted"
            }.map(\.id).sorted()
        case .terms:
            return terms.values.filter { t in
                deleted ? (t.workflowState != "deleted" || t.sisTermId != nil) : t.workflowState != "deleted"
            }.map(\.id).sorted()
        case .courses:
            let recent = now.adding(seconds: -120 * 86400)
            var out: [Int] = []
            for c in scopedCourses(scope) {
                let keep = deleted
                    ? (!c.isDeleted || c.sisCourseId != nil || (c.deletedAt ?? c.updatedAt) > recent)
                    : (!c.isDeleted && c.workflowState != "completed")
                if keep { out.append(c.id) }
            }
            return out.sorted()
        case .sections:
            var out: [Int] = []
            for c in scopedCourses(scope) {
                for sid in sectionsByCourse[c.id] ?? [] {
                    guard let sec = sections[sid] else { continue }
                    let keep = deleted
                        ? (!sec.isDeleted || (sec.sisSectionId != nil && c.sisCourseId != nil))
                        : (!sec.isDeleted && !c.isDeleted)
                    if keep { out.append(sec.id) }
                }
            }
            return out.sorted()
        case .enrollments:
            var out: [Int] = []
            for c in scopedCourses(scope) {
                for eid in enrollmentsByCourse[c.id] ?? [] {
                    guard let e = enrollments[eid] else { continue }
                    if keepEnrollment(e, course: c, includeDeleted: deleted) { out.append(e.id) }
                }
            }
            return out.sorted()
        }
    }

    private func scopedCourses(_ scope: ProvisioningScope) -> [Course] {
        scope.subtree.flatMap { coursesByAccount[$0] ?? [] }.compactMap { courses[$0] }.filter { courseInScope($0, scope) }
    }

    /// Without include_deleted: not deleted, not concluded, the user's login live, the course
    /// and section live. With it: also deleted rows of SIS users in SIS courses or sections.
    private func keepEnrollment(_ e: Enrollment, course c: Course, includeDeleted: Bool) -> Bool {
        let login = primaryLogin(of: e.userId)
        if includeDeleted {
            if e.workflowState != "deleted" { return true }
            let sisPlace = c.sisCourseId != nil || sections[e.courseSectionId]?.sisSectionId != nil
            return login?.sisUserId != nil && !["rejected", "invited"].contains(e.workflowState) && sisPlace
        }
        if e.workflowState == "deleted" || e.workflowState == "completed" { return false }
        if login?.workflowState == "deleted" { return false }
        return reportEnrollmentStatus(e) != "deleted"
    }

    /// One CSV row.
    func provisioningRow(_ kind: ProvisioningKind, _ id: Int) -> [String?] {
        func int(_ v: Int?) -> String? { v.map(String.init) }
        func bool(_ v: Bool) -> String { v ? "true" : "false" }
        func date(_ v: Timestamp?) -> String? { v?.iso8601 }
        switch kind {
        case .users:
            guard let l = logins[id], let u = users[l.userId] else { return [] }
            let (first, last) = u.firstLast
            return [
                int(u.id), l.sisUserId, l.integrationId, int(l.authenticationProviderId), l.uniqueId, first, last, u.name,
                u.sortableName, u.shortName, email(of: u.id), l.workflowState, bool(l.sisImportId != nil),
            ]
        case .accounts:
            guard let a = accounts[id] else { return [] }
            let parent = a.parentAccountId.flatMap { accounts[$0] }
            return [int(a.id), a.sisAccountId, int(parent?.id), parent?.sisAccountId, a.name, a.workflowState, bool(a.sisImportId != nil)]
        case .terms:
            guard let t = terms[id] else { return [] }
            return [int(t.id), t.sisTermId, t.name, t.workflowState, date(t.startAt), date(t.endAt), bool(t.sisImportId != nil)]
        case .courses:
            guard let c = courses[id] else { return [] }
            let dated = c.restrictEnrollmentsToCourseDates
            return [
                int(c.id), c.sisCourseId, c.integrationId, c.courseCode, c.name, int(c.accountId), accounts[c.accountId]?.sisAccountId,
                int(c.termId), terms[c.termId]?.sisTermId, Self.reportCourseStatus(c.workflowState),
                dated ? date(c.startAt) : nil, dated ? date(c.endAt) : nil, c.courseFormat, bool(c.sisImportId != nil),
            ]
        case .sections:
            guard let s = sections[id], let c = courses[s.courseId] else { return [] }
            let dated = s.restrictEnrollmentsToSectionDates
            return [
                int(s.id), s.sisSectionId, int(c.id), c.sisCourseId, s.integrationId, s.name, s.workflowState,
                dated ? date(s.startAt) : nil, dated ? date(s.endAt) : nil, int(c.accountId), accounts[c.accountId]?.sisAccountId,
                bool(s.sisImportId != nil),
            ]
        case .enrollments:
            guard let e = enrollments[id] else { return [] }
            let role = roles[e.roleId]
            let sisRole: String
            if let role, !role.isBuiltIn {
                sisRole = role.label
            } else {
                sisRole = EnrollmentRoutes.shortTypes.first { $0.value == e.type }?.key ?? e.type
            }
            return [
                int(e.courseId), courses[e.courseId]?.sisCourseId, int(e.userId), primaryLogin(of: e.userId)?.sisUserId, sisRole,
                int(e.roleId), int(e.courseSectionId), sections[e.courseSectionId]?.sisSectionId, reportEnrollmentStatus(e),
                int(e.associatedUserId), e.associatedUserId.flatMap { primaryLogin(of: $0)?.sisUserId }, bool(e.sisImportId != nil),
                e.type, bool(e.limitPrivilegesToCourseSection), int(e.id),
            ]
        }
    }
}

/// Runs one provisioning report off the request path: `created` → `running` (progress moving
/// as rows are written, in chunks) → `complete` with the file; or `error`.
enum ReportJob {
    static func run(core: SimCore, id: Int) async {
        typealias Plan = (kinds: [ProvisioningKind], scope: ProvisioningScope, ids: [[Int]])
        let plan: Plan? = core.store.transaction { s in
            guard !Task.isCancelled, var r = s.reports[id], r.status == "created" else { return nil }
            r.status = "running"
            r.startedAt = s.now
            r.progress = 0
            let params = Dictionary(r.parameters.map { ($0.0, $0.1) }, uniquingKeysWith: { $1 })
            func flag(_ key: String) -> Bool {
                if case .string(let v)? = params[key] { return Params.boolean(v) ?? false }
                return false
            }
            let kinds = ProvisioningKind.allCases.filter { flag($0.rawValue) }
            var termId: Int?
            if case .string(let raw)? = params["enrollment_term_id"], !raw.isEmpty {
                guard let term = s.term(IdRef(raw)) else {
                    r.status = "error"
                    r.message = "The enrollment term \(raw) was not found"
                    r.endedAt = s.now
                    s.reports[id] = r
                    return nil
                }
                termId = term.id
            }
            let account = s.accounts[r.accountId]!
            let scope = ProvisioningScope(
                accountId: account.id, isRoot: account.isRoot, subtree: Set(s.accountSubtree(account.id)), termId: termId,
                includeDeleted: flag("include_deleted"))
            s.reports[id] = r
            return (kinds, scope, kinds.map { s.provisioningIds($0, scope) })
        }
        guard let plan else { return }

        let total = max(1, plan.ids.reduce(0) { $0 + $1.count })
        var done = 0
        var outputs: [(ProvisioningKind, String)] = []
        for (kind, ids) in zip(plan.kinds, plan.ids) {
            var text = CSV.line(kind.headers)
            var index = 0
            repeat {
                let config = core.config.withLock { $0 }
                let chunk = ids[index..<min(index + config.bulkChunkRows, ids.count)]
                let going = core.store.transaction { s -> Bool in
                    guard !Task.isCancelled, s.reports[id]?.status == "running" else { return false }
                    for rowId in chunk {
                        let row = s.provisioningRow(kind, rowId)
                        if !row.isEmpty { text += CSV.line(row) }
                    }
                    s.reports[id]?.progress = min(99, (done + chunk.count) * 100 / total)
                    s.reports[id]?.currentLine = done + chunk.count
                    return true
                }
                guard going else { return }
                done += chunk.count
                index += chunk.count
                await JobQueue.pauseBetweenChunks(config)
            } while index < ids.count
            outputs.append((kind, text))
        }

        // One file: a CSV; several: a zip of CSVs named after their kinds.
        let stamp = core.store.transaction { $0.now.iso8601.prefix(10) }
        var name = "provisioning_csv_\(stamp)_\(id)"
        var contentType = "text/csv"
        var bytes: [UInt8] = []
        if outputs.count == 1 {
            name += ".csv"
            bytes = Array(outputs[0].1.utf8)
        } else if outputs.count > 1 {
            name += ".zip"
            contentType = "application/zip"
            var zip = ZipWriter()
            for (kind, text) in outputs { try? zip.add("\(kind.rawValue).csv", Array(text.utf8)) }
            bytes = zip.bytes()
        }
        let fileBytes = bytes, fileName = name, fileType = contentType, hasFile = !outputs.isEmpty
        core.store.transaction { s in
            guard !Task.isCancelled, var r = s.reports[id], r.status == "running" else { return }
            if hasFile { r.fileId = s.addFile(name: fileName, contentType: fileType, data: fileBytes).id }
            r.status = "complete"
            r.progress = 100
            r.currentLine = done
            r.endedAt = s.now
            s.reports[id] = r
        }
    }
}
