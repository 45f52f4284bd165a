import CanvasAPI
import Synchronization

/// How far a live read has come, for the CLI's progress line.
public struct ReadProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case account, terms, courses, rosters, users, done
    }

    public var phase: Phase
    /// Terms, courses, sections, enrollments, users and roles decoded so far.
    public var objectsRead: Int
    /// HTTP requests this read has sent (retries and pages included).
    public var requests: Int
    /// Courses whose sections and enrollments are read, and how many will be.
    public var rostersRead: Int
    public var rostersTotal: Int

    public init(phase: Phase, objectsRead: Int, requests: Int, rostersRead: Int = 0, rostersTotal: Int = 0) {
        self.phase = phase
        self.objectsRead = objectsRead
        self.requests = requests
        self.rostersRead = rostersRead
        self.rostersTotal = rostersTotal
    }
}

/// Counts one read's objects and reports them; requests come from the client's metrics.
final class ReadTracker: Sendable {
    private struct State {
        var phase = ReadProgress.Phase.account
        var objects = 0
        var rostersRead = 0
        var rostersTotal = 0
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

    func phase(_ phase: ReadProgress.Phase, rostersTotal: Int? = nil) {
        update {
            $0.phase = phase
            if let rostersTotal { $0.rostersTotal = rostersTotal }
        }
    }

    func read(_ objects: Int, roster: Bool = false) {
        update {
            $0.objects += objects
            if roster { $0.rostersRead += 1 }
        }
    }

    private func update(_ change: (inout State) -> Void) {
        let s = state.withLock { state in
            change(&state)
            return state
        }
        report?(
            ReadProgress(
                phase: s.phase, objectsRead: s.objects, requests: requests, rostersRead: s.rostersRead,
                rostersTotal: s.rostersTotal))
    }
}
