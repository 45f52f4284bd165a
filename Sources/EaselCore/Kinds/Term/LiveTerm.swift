import BulkFiles
import CanvasAPI
import Foundation

public struct LiveTerm: Sendable, Equatable {
    public var canvasId: String
    public var sisId: String?
    public var name: String
    public var start: ConfigDate?
    public var end: ConfigDate?
    /// `active` or `deleted`.
    public var workflowState: String

    public init(canvasId: String, sisId: String?, name: String, start: ConfigDate?, end: ConfigDate?, workflowState: String = "active") {
        self.canvasId = canvasId
        self.sisId = sisId
        self.name = name
        self.start = start
        self.end = end
        self.workflowState = workflowState
    }
}

// From the REST API.
extension LiveTerm {
    init(_ term: CanvasTerm) {
        self.init(
            canvasId: term.id.rawValue, sisId: term.sisTermId, name: term.name ?? "",
            start: term.startAt.map(ConfigDate.init(canvas:)), end: term.endAt.map(ConfigDate.init(canvas:)),
            workflowState: term.workflowState ?? "active")
    }
}
