import CanvasAPI
import Foundation

/// Uploads one SIS import and waits for it: the POST, polling with back-off, and the
/// row-numbered messages once it has ended.
///
/// **A lost upload response.** Canvas may or may not have queued the import. The upload is
/// then sent again: every row is an upsert to a stated end state (create or update to these
/// values, conclude, delete), so a second copy applies nothing new, and Canvas runs an
/// account's imports one at a time in order, so by the time the copy whose id we hold has
/// ended, the lost one has too. Listing recent imports instead could not tell ours from
/// anyone else's.
public struct SISImporter: Sendable {
    public let client: CanvasClient
    /// The root account.
    public let account: CanvasRef
    /// First and longest pause between status polls.
    public var firstPoll: Duration = .milliseconds(500)
    public var longestPoll: Duration = .seconds(2)
    /// Gives up waiting (the import itself goes on in Canvas) after this long.
    public var timeout: Duration = .seconds(6 * 3600)
    /// Uploads at most (the first included) when responses are lost.
    public var uploadAttempts = 3

    public init(client: CanvasClient, account: CanvasRef) {
        self.client = client
        self.account = account
    }

    /// How an import ended, with every message Canvas gave about its rows and files.
    public struct Outcome: Sendable {
        public var id: String
        public var workflowState: String
        public var imported: Bool
        public var messages: [CanvasSISImportError]
        /// Canvas's own reason when it stopped the import (`data.error_message`).
        public var errorMessage: String?
    }

    /// Why the import did not end: it could not be sent, or its status could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        /// Canvas refused the upload outright: nothing was imported, and the API may carry the rows instead.
        public var refused = false
        public var description: String { message }
    }

    /// Sends `zip` with `options` and waits until Canvas has finished it; `progress` gets
    /// each status read.
    public func run(
        zip: [UInt8], options: SISImportUploadOptions, progress: (@Sendable (CanvasSISImport) -> Void)? = nil
    ) async throws -> Outcome {
        let started = try await upload(zip, options)
        progress?(started)
        let finished = try await wait(started, progress: progress)
        var messages: [CanvasSISImportError] = []
        let hadMessages = finished.workflowState.hasSuffix("_with_messages") || finished.workflowState == "failed"
            || (finished.processingWarnings?.isEmpty == false) || (finished.processingErrors?.isEmpty == false)
        if hadMessages {
            // The status lists 25 at most and without rows; the errors listing has them all.
            messages = try await client.sisImportErrors(account: account, id: finished.id)
        }
        return Outcome(
            id: finished.id.rawValue, workflowState: finished.workflowState, imported: finished.isImported,
            messages: messages, errorMessage: finished.data?.errorMessage)
    }

    private func upload(_ zip: [UInt8], _ options: SISImportUploadOptions) async throws -> CanvasSISImport {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.createSISImport(account: account, zip: zip, options)
            } catch let error as CanvasError where error.outcomeUnknown && attempt < uploadAttempts {
                try await Task.sleep(for: firstPoll * attempt)
                continue
            } catch let error as CanvasError {
                throw Failure(message: Self.uploadMessage(error), refused: !error.outcomeUnknown && Self.refusals.contains(error.kind))
            }
        }
    }

    /// Answers to the upload that mean Canvas queued nothing: no permission, SIS imports off,
    /// not a root account.
    static let refusals: Set<CanvasError.Kind> = [.forbidden, .notFound, .validation]

    func wait(_ started: CanvasSISImport, progress: (@Sendable (CanvasSISImport) -> Void)?) async throws
        -> CanvasSISImport
    {
        let polling = JobPolling(first: firstPoll, longest: longestPoll, timeout: timeout)
        return try await polling.wait(
            started, isFinished: \.isFinished,
            status: {
                do {
                    return try await client.sisImport(account: account, id: started.id)
                } catch let error as CanvasError {
                    // The client already retried what can be retried.
                    throw Failure(
                        message: "cannot read the status of SIS import \(started.id): \(error.message); it may still be "
                            + "running in Canvas (Admin → SIS Import); run 'easel plan' once it has ended to see what remains")
                }
            },
            progress: progress,
            timedOut: { current in
                Failure(
                    message: "SIS import \(started.id) has not ended after \(timeout) (\(current.workflowState), "
                        + "\(current.progress ?? 0)%); it may still run in Canvas (Admin → SIS Import): run 'easel plan' once it has ended")
            })
    }

    static func uploadMessage(_ error: CanvasError) -> String {
        if error.outcomeUnknown {
            return "the SIS import upload got no answer (\(error.message)): Canvas may still run it; "
                + "check Admin → SIS Import, then run 'easel plan' to see what remains"
        }
        switch error.kind {
        case .forbidden:
            return "canvas refused the SIS import (\(error.message)): the token needs the 'Import SIS data' permission "
                + "and the account SIS imports enabled; or use --via api"
        case .validation where error.message.contains("root account"):
            return "canvas refused the SIS import: \(error.message); use --via api for a sub-account"
        default:
            return "the SIS import could not be sent: \(error.message)"
        }
    }
}
