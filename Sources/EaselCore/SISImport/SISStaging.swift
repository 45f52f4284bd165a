/// A plan split into the three stages of a SIS apply: the API operations that the import
/// needs first, the import, and the API operations that come after it.
///
/// The split keeps every `dependsOn` edge pointing backwards in time. Inside the import,
/// Canvas processes files in a fixed order (terms, courses, sections, users, enrollments),
/// so an operation that waits for one of a later file (a section delete waits for its
/// enrollments' deletes) leaves the import and runs after it. An API operation that an
/// import row needs must not itself wait for an import row; when one would, that row
/// leaves the import too. Both rules only move operations to the API, so the split ends.
public struct SISStaging: Sendable {
    /// API operations that import rows depend on (directly or through other API operations).
    public var before: [PlanOperation] = []
    /// Operations the SIS import carries out.
    public var imported: [PlanOperation] = []
    /// The other API operations, run after the import.
    public var after: [PlanOperation] = []
    /// Why each API operation is not in the import, by address.
    public var apiReasons: [String: String] = [:]

    public init(_ plan: Plan, context: SISContext) {
        let ops = plan.operations
        let byAddress = Dictionary(ops.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        var reasons: [String: String] = [:]
        for op in ops {
            if let reason = SISExpressibility.apiReason(op, context) { reasons[op.address] = reason }
        }
        func deps(_ op: PlanOperation) -> [PlanOperation] { op.dependsOn.compactMap { byAddress[$0] } }
        func inImport(_ op: PlanOperation) -> Bool { reasons[op.address] == nil }

        var changed = true
        while changed {
            changed = false
            for op in ops where inImport(op) {
                if let late = deps(op).first(where: { inImport($0) && Self.fileOrder($0) > Self.fileOrder(op) }) {
                    reasons[op.address] = "it waits for \(late.address), which the import applies later"
                    changed = true
                }
            }
            // API operations that some import row waits for, and what they wait for themselves.
            var needed = Set<String>()
            var queue = ops.filter(inImport).flatMap(deps).filter { !inImport($0) }
            while let op = queue.popLast() {
                guard needed.insert(op.address).inserted else { continue }
                for dep in deps(op) {
                    if inImport(dep) {
                        reasons[dep.address] = "\(op.address) needs it and goes through the API first"
                        changed = true
                    } else {
                        queue.append(dep)
                    }
                }
            }
            if !changed {
                before = ops.filter { needed.contains($0.address) }
                imported = ops.filter(inImport)
                after = ops.filter { !inImport($0) && !needed.contains($0.address) }
            }
        }
        apiReasons = reasons
    }

    /// Where Canvas processes a kind's file within one import.
    static func fileOrder(_ op: PlanOperation) -> Int { op.kind.order }
}
