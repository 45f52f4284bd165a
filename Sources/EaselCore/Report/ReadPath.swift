import CanvasAPI

/// How a plan reads live Canvas: REST listings, the provisioning report, or whichever suits.
public enum ReadPath: String, Sendable, CaseIterable {
    case auto, report, api
}

/// Reads through the path chosen for the scope.
///
/// `auto` takes the report when the scope manages at least `reportThreshold` courses and keys
/// users by SIS id (the report shows deleted enrollments of SIS users only), since the REST
/// path costs about two requests a course and the report a handful per term; and falls back
/// to the REST path when the token may not run reports. An explicit path never falls back.
public struct ReadPathReader: LiveReader {
    public var path: ReadPath
    public var api: CanvasLiveReader
    public var reportThreshold: Int
    /// Told which path runs, and why, before the read starts.
    public var onChoice: (@Sendable (ReadPath, String) -> Void)?

    public init(
        path: ReadPath, api: CanvasLiveReader, reportThreshold: Int = 200,
        onChoice: (@Sendable (ReadPath, String) -> Void)? = nil
    ) {
        self.path = path
        self.api = api
        self.reportThreshold = reportThreshold
        self.onChoice = onChoice
    }

    /// The path `auto` takes for `scope`, and why.
    public func choose(_ scope: PlanScope) -> (ReadPath, String) {
        switch path {
        case .report: return (.report, "--read-via report")
        case .api: return (.api, "--read-via api")
        case .auto:
            let courses = scope.courseIds.count + scope.mappedCanvasIds.count
            if scope.userKey != .sisId { return (.api, "users are keyed by login") }
            if courses < reportThreshold { return (.api, "\(courses) courses, fewer than \(reportThreshold)") }
            return (.report, "\(courses) courses")
        }
    }

    public func read(_ scope: PlanScope) async throws -> LiveState {
        let (chosen, reason) = choose(scope)
        onChoice?(chosen, reason)
        guard chosen == .report else { return try await api.read(scope) }
        do {
            return try await ReportLiveReader(api: api).read(scope)
        } catch let error as ProvisioningReport.Unavailable where path == .auto {
            onChoice?(.api, "the provisioning report is not available to this token (\(error.cause.status.map(String.init) ?? "?"))")
            return try await api.read(scope)
        }
    }
}
