import CanvasAPI
import Synchronization

/// How far a live read has come, for the CLI's progress line.
public struct ReadProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        /// Waiting for provisioning reports (the report path).
        case account, terms, report, courses, rosters, users, done
    }

    public var phase: Phase
    /// Terms, courses, sections, enrollments, users and roles decoded so far.
    public var objectsRead: Int
    /// HTTP requests this read has sent (retries and pages included).
    public var requests: Int
    /// Courses whose sections and enrollments are read, and how many will be.
    public var rostersRead: Int
    public var rostersTotal: Int
    /// Provisioning reports downloaded, how many were started, and Canvas's progress (0–100)
    /// averaged over them.
    public var reportsRead: Int
    public var reportsTotal: Int
    public var reportPercent: Int

    public init(
        phase: Phase, objectsRead: Int, requests: Int, rostersRead: Int = 0, rostersTotal: Int = 0, reportsRead: Int = 0,
        reportsTotal: Int = 0, reportPercent: Int = 0
    ) {
        self.phase = phase
        self.objectsRead = objectsRead
        self.requests = requests
        self.rostersRead = rostersRead
        self.rostersTotal = rostersTotal
        self.reportsRead = reportsRead
        self.reportsTotal = reportsTotal
        self.reportPercent = reportPercent
    }
}

/// Counts one read's objects and reports them; requests come from the client's metrics.
final class ReadTracker: Sendable {
    private struct State {
        var phase = ReadProgress.Phase.account
        var objects = 0
        var rostersRead = 0
        var rostersTotal = 0
        var reportsRead = 0
        var reportsTotal = 0
        var reportPercent: [String: Int] = [:]
    }

    private let client: CanvasClient
    private let startRequests: Int
    private let report: (@Sendable (ReadProgress) -> Void)?
    private let state = Mutex(State())

    init(client: CanvasClient, report: (@Sendable (ReadProgress) -> Void)?) {
        self.client = client
        self.report = report
        startRequests = client.metrics.requestsSent
    }

    var requests: Int { client.metrics.requestsSent - startRequests }

    func phase(_ phase: ReadProgress.Phase, rostersTotal: Int? = nil, reportsTotal: Int? = nil) {
        update {
            $0.phase = phase
            if let rostersTotal { $0.rostersTotal = rostersTotal }
            if let reportsTotal { $0.reportsTotal = reportsTotal }
        }
    }

    /// `objects` decoded; `roster`: one course's roster is done; `report`: one report is.
    func read(_ objects: Int, roster: Bool = false, report: Bool = false) {
        update {
            $0.objects += objects
            if roster { $0.rostersRead += 1 }
            if report { $0.reportsRead += 1 }
        }
    }

    /// One more report run, started after the others: back in the report phase.
    func addReport() {
        update {
            $0.phase = .report
            $0.reportsTotal += 1
        }
    }

    /// Canvas's progress of the report run named `run`.
    func reportProgress(_ run: String, _ percent: Int) {
        update { $0.reportPercent[run] = percent }
    }

    private func update(_ change: (inout State) -> Void) {
        let s = state.withLock { state in
            change(&state)
            return state
        }
        report?(
            ReadProgress(
                phase: s.phase, objectsRead: s.objects, requests: requests, rostersRead: s.rostersRead,
                rostersTotal: s.rostersTotal, reportsRead: s.reportsRead, reportsTotal: s.reportsTotal,
                reportPercent: s.reportsTotal == 0 ? 0 : s.reportPercent.values.reduce(0, +) / s.reportsTotal))
    }
}
