/// What `DriftMaker` changed in Canvas, and what `easel plan` should make of it.
public struct DriftReport: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case renamedCourse = "renamed course"
        case renamedUser = "changed user name"
        case missingEnrollment = "missing enrollment"
        case extraEnrollment = "extra enrollment"
        case concludedEnrollment = "concluded enrollment"
        case movedEnrollment = "moved enrollment"
        case unmanagedEnrollment = "unmanaged enrollment"

        /// The plan operation this drift should produce; nil when easel must leave it alone.
        public var expectedOperation: String? {
            switch self {
            case .renamedCourse: "update course"
            case .renamedUser: "update user"
            case .missingEnrollment: "create enrollment"
            case .extraEnrollment: "conclude enrollment"
            case .concludedEnrollment: "reactivate enrollment"
            case .movedEnrollment: "replace enrollment"
            case .unmanagedEnrollment: nil
            }
        }
    }

    public struct Item: Sendable, Equatable {
        public var kind: Kind
        public var detail: String
    }

    public var share: Double
    public var items: [Item] = []

    public func count(_ kind: Kind) -> Int { items.filter { $0.kind == kind }.count }

    /// The operations a plan against the drifted Canvas should hold.
    public var expectedOperations: Int { items.filter { $0.kind.expectedOperation != nil }.count }

    /// `drift.txt`: a table of counts, then one line per change.
    public var text: String {
        var lines = [
            "# Drift in seed-drift.json against the config (share \(share)).",
            "# kind                   count  expected plan operation",
        ]
        for kind in Kind.allCases {
            let name = kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            let count = String(count(kind)).leftPadded(5)
            lines.append("# \(name) \(count)  \(kind.expectedOperation ?? "none: the role is not managed")")
        }
        lines.append("# expected operations: \(expectedOperations)")
        lines += items.map { "\($0.kind.rawValue): \($0.detail)" }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
