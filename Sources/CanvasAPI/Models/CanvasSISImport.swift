/// A SIS import (`app/controllers/sis_imports_api_controller.rb`): Canvas's `SisBatch` as the API shows it.
public struct CanvasSISImport: Codable, Sendable, Equatable {
    public var id: CanvasID
    /// `created`, `importing`, `cleanup_batch`, then one of `terminalStates`.
    public var workflowState: String
    /// 0–100; it resets for the batch cleanup stage.
    public var progress: Int?
    public var data: ImportData?
    /// `[file, message]` pairs, present (at most 25) once the import has ended.
    public var processingWarnings: [[String]]?
    public var processingErrors: [[String]]?

    public struct ImportData: Codable, Sendable, Equatable {
        public var importType: String?
        public var suppliedBatches: [String]?
        public var counts: [String: Int]?
        /// Set when Canvas stopped the import for a reason of its own.
        public var errorMessage: String?
    }

    /// States after which an import changes no more.
    public static let terminalStates: Set<String> = [
        "imported", "imported_with_messages", "failed", "failed_with_messages", "aborted",
    ]

    public var isFinished: Bool { Self.terminalStates.contains(workflowState) }
    /// `imported` or `imported_with_messages`: the rows were applied (some maybe with a warning).
    public var isImported: Bool { workflowState == "imported" || workflowState == "imported_with_messages" }

    /// Every other field nil: set what you need (the fields are `var`).
    public init(id: CanvasID, workflowState: String) {
        self.id = id
        self.workflowState = workflowState
    }
}

/// One row-level (or file-level) problem of a SIS import, from `…/sis_imports/:id/errors`.
public struct CanvasSISImportError: Codable, Sendable, Equatable {
    public var sisImportId: CanvasID?
    /// The CSV file's name inside the upload.
    public var file: String?
    public var message: String
    /// The CSV line the row started on, 1 being the header; nil for a file-level problem.
    public var row: Int?

    public init(file: String?, message: String, row: Int?) {
        self.file = file
        self.message = message
        self.row = row
    }
}
