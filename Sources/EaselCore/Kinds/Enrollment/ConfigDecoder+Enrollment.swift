import EaselYAML

extension ConfigDecoder {
    func enrollment(_ node: YAMLNode) -> Enrollment? {
        guard let f = reader.mapping(node, "enrollment", keys: Self.enrollmentKeys) else { return nil }
        let user = f.required("user", reader).flatMap { n in reader.identifier(n, "user").map { Ref($0, at: n.range) } }
        let role = f.required("role", reader).flatMap { reader.identifier($0, "role") }
        guard let user, let role else { return nil }
        var e = Enrollment(user: user, role: role, range: node.range)
        e.roleRange = f["role"]?.range
        if let n = f["section"], let s = reader.identifier(n, "section") { e.section = Ref(s, at: n.range) }
        if let n = f["state"], let s = reader.choice(n, "state", as: Enrollment.State.self) { e.state = s }
        if let n = f["observing"], let o = reader.identifier(n, "observing") { e.observing = Ref(o, at: n.range) }
        return e
    }
}
