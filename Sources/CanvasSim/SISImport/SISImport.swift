/// The options of one SIS import, as sent on `POST /accounts/:id/sis_imports`.
public struct SISImportOptions: Codable, Equatable, Sendable {
    public var overrideSisStickiness = false
    public var addSisStickiness = false
    public var clearSisStickiness = false
    public var skipDeletes = false
    public var batchMode = false
    public var batchModeTermId: Int?
    /// `deleted` (default) | `completed` | `inactive`: what batch mode does to dropped enrollments.
    public var batchModeEnrollmentDropStatus: String?
    /// 1–100: batch mode aborts its cleanup when deletes exceed this share of the term's objects.
    public var changeThreshold: Int?
    /// Accepted and echoed; canvas-sim applies every file in full (no diffing).
    public var diffingDataSetIdentifier: String?
    public var diffingRemaster: Bool?
    public var diffingDropStatus: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case overrideSisStickiness = "override_sis_stickiness", addSisStickiness = "add_sis_stickiness"
        case clearSisStickiness = "clear_sis_stickiness", skipDeletes = "skip_deletes", batchMode = "batch_mode"
        case batchModeTermId = "batch_mode_term_id", batchModeEnrollmentDropStatus = "batch_mode_enrollment_drop_status"
        case changeThreshold = "change_threshold", diffingDataSetIdentifier = "diffing_data_set_identifier"
        case diffingRemaster = "diffing_remaster", diffingDropStatus = "diffing_drop_status"
    }
}

/// One entry of a SIS import's errors: `failure` ones are `processing_errors` (the import
/// fails), the others `processing_warnings`.
public struct SISImportMessage: Codable, Equatable, Sendable {
    public var file: String?
    public var message: String
    /// The CSV line the row started on (1 = the header), when the message is about a row.
    public var row: Int?
    public var failure: Bool
}

/// A SIS import (Canvas's `SisBatch`). Journaled: created, when it starts, when it ends.
public struct SISImport: Codable, Equatable, Sendable {
    public var id: Int
    public var accountId: Int
    /// `created` → `importing` → (`cleanup_batch`) → `imported` | `imported_with_messages` |
    /// `failed` | `failed_with_messages`; or `aborted`.
    public var workflowState: String
    public var progress: Int
    public var importType: String
    public var options: SISImportOptions
    /// Kinds of files found (`account`, `term`, `course`, `section`, `user`, `enrollment`, …),
    /// nil until processing has looked at the upload.
    public var suppliedBatches: [String]?
    public var counts: [String: Int]?
    public var messages: [SISImportMessage]
    public var errorMessage: String?
    public var errorsAttachmentId: Int?
    public var userId: Int?
    public var createdAt: Timestamp
    public var startedAt: Timestamp?
    public var endedAt: Timestamp?
    public var updatedAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case id, progress, options, counts, messages
        case accountId = "account_id", workflowState = "workflow_state", importType = "import_type"
        case suppliedBatches = "supplied_batches", errorMessage = "error_message", errorsAttachmentId = "errors_attachment_id"
        case userId = "user_id", createdAt = "created_at", startedAt = "started_at", endedAt = "ended_at", updatedAt = "updated_at"
    }

    public static let terminalStates: Set<String> = ["imported", "imported_with_messages", "failed", "failed_with_messages", "aborted"]

    public var isFinished: Bool { Self.terminalStates.contains(workflowState) }

    /// The `data.counts` keys, in Canvas's order.
    static let countKeys = [
        "accounts", "terms", "abstract_courses", "courses", "sections", "xlists", "users", "enrollments", "groups",
        "group_memberships", "grade_publishing_results", "batch_courses_deleted", "batch_sections_deleted",
        "batch_enrollments_deleted", "error_count", "warning_count",
    ]
}

extension StoreState {
    /// The SisImport object as `GET /accounts/:id/sis_imports/:id` returns it. Like Canvas,
    /// `processing_errors`/`processing_warnings` appear only when there are some, each capped
    /// at 24 entries plus an "and N more" entry.
    func sisImportJSON(_ i: SISImport, origin: String) -> JSON {
        var data: [(String, JSON)] = [("import_type", .string(i.importType))]
        if let batches = i.suppliedBatches { data.append(("supplied_batches", .array(batches.map { .string($0) }))) }
        if let counts = i.counts {
            data.append(("counts", .object(SISImport.countKeys.map { ($0, .int(counts[$0] ?? 0)) })))
        }
        if let message = i.errorMessage { data.append(("error_message", .string(message))) }
        let o = i.options
        var m: [(String, JSON)] = [
            ("id", .int(i.id)),
            ("created_at", .timestamp(i.createdAt)),
            ("started_at", .timestamp(i.startedAt)),
            ("ended_at", .timestamp(i.endedAt)),
            ("updated_at", .timestamp(i.updatedAt)),
            ("progress", .int(i.progress)),
            ("workflow_state", .string(i.workflowState)),
            ("data", .object(data)),
            ("batch_mode", .bool(o.batchMode)),
            ("batch_mode_term_id", .int(o.batchModeTermId)),
            ("multi_term_batch_mode", .null),
            ("override_sis_stickiness", o.overrideSisStickiness ? .bool(true) : .null),
            ("add_sis_stickiness", o.addSisStickiness ? .bool(true) : .null),
            ("clear_sis_stickiness", o.clearSisStickiness ? .bool(true) : .null),
            ("diffing_data_set_identifier", .string(o.diffingDataSetIdentifier)),
            ("diffed_against_import_id", .null),
            ("diffing_drop_status", .string(o.diffingDropStatus)),
            ("skip_deletes", .bool(o.skipDeletes)),
            ("change_threshold", .int(o.changeThreshold)),
        ]
        if i.isFinished {
            for (key, failure) in [("processing_errors", true), ("processing_warnings", false)] {
                let picked = i.messages.filter { $0.failure == failure }
                guard !picked.isEmpty else { continue }
                var items: [JSON] = picked.prefix(24).map { .array([.string($0.file), .string($0.message)]) }
                if picked.count > 24 {
                    let noun = failure ? "errors" : "warnings"
                    items.append(.array([
                        .string("and \(picked.count - 24) more \(noun) that were not included"),
                        .string("Download the error file to see all \(noun)."),
                    ]))
                }
                m.append((key, .array(items)))
            }
        }
        if let fileId = i.errorsAttachmentId, let file = files[fileId] {
            m.append(("errors_attachment", fileJSON(file, origin: origin)))
        }
        return .object(m)
    }
}
