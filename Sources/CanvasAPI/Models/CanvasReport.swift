import Foundation

/// One run of an account report (`app/controllers/account_reports_controller.rb`), e.g. `provisioning_csv`.
public struct CanvasReport: Codable, Sendable, Equatable {
    public var id: CanvasID
    public var report: String?
    /// `created`, `running`, `compiling`, then `complete`, `error`, `aborted` or `deleted`.
    public var status: String?
    /// 0–100.
    public var progress: Int?
    public var currentLine: Int?
    /// Where the finished report's file is; nil until it completes.
    public var fileUrl: String?
    public var attachment: Attachment?
    /// Why an `error` run failed, when Canvas says.
    public var message: String?

    public init(id: CanvasID) {
        self.id = id
    }

    /// The report's file (a Canvas File object, the fields a download needs).
    public struct Attachment: Codable, Sendable, Equatable {
        public var id: CanvasID
        public var filename: String?
        public var url: String?
        public var size: Int?

        public init(id: CanvasID) {
            self.id = id
        }
    }

    /// Whether the run has stopped, well or not.
    public var isFinished: Bool { ["complete", "error", "aborted", "deleted"].contains(status ?? "") }
}
