/// `--target`: keep the operations on the named objects and everything they depend on.
enum PlanTargeting {
    static func narrow(_ ops: [PlanOperation], to targets: [String], warnings: inout [String]) -> [PlanOperation] {
        let wanted = Set(targets)
        let byAddress = Dictionary(ops.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        var keep = Set<String>()
        var stack = ops.filter { op in
            wanted.contains(op.id) || op.course.map(wanted.contains) == true || op.user.map(wanted.contains) == true
        }.map(\.address)
        while let address = stack.popLast() {
            guard keep.insert(address).inserted, let op = byAddress[address] else { continue }
            stack += op.dependsOn
        }
        let known = Set(ops.flatMap { [$0.id, $0.course, $0.user].compactMap { $0 } })
        for target in targets where !known.contains(target) {
            warnings.append("target '\(target)' has no changes in this plan")
        }
        warnings.insert(
            "this plan is partial: it covers only \(targets.map { "'\($0)'" }.joined(separator: ", ")) and what they depend on",
            at: 0)
        return ops.filter { keep.contains($0.address) }
    }
}
