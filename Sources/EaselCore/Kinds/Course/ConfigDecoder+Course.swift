import EaselYAML

extension ConfigDecoder {
    func course(_ node: YAMLNode) -> Course? {
        guard let f = reader.mapping(node, "course", keys: Self.courseKeys) else { return nil }
        let id = f.required("id", reader).flatMap { reader.identifier($0, "id") }
        let name = f.required("name", reader).flatMap { reader.string($0, "name") }
        let code = f["code"].flatMap { reader.string($0, "code") }
        guard let id else { return nil }
        var course = Course(id: id, name: name ?? "", code: code ?? id, range: f["id"]!.range)
        if let n = f["term"], let t = reader.identifier(n, "term") { course.term = Ref(t, at: n.range) }
        if let n = f["account"] { course.account = accountRef(n, "account") }
        if let n = f["published"] { course.published = reader.bool(n, "published") }
        course.start = f["start"].flatMap { reader.date($0, "start") }
        course.end = f["end"].flatMap { reader.date($0, "end") }
        checkOrder(course.start, course.end, f)
        if let n = f["canvas_id"] {
            if let text = reader.string(n, "canvas_id") {
                if text.isDigits, text.count <= 19 {
                    course.canvasId = text
                } else {
                    reader.error("invalid canvas_id '\(text)' (expected the numeric id of a Canvas course)", at: n.range)
                }
            }
        }
        if let n = f["protect"], let v = reader.bool(n, "protect") { course.protect = v }
        if let n = f["sections"] { course.sections = items(n, "sections", section) }
        for (role, users) in roleLists(f) {
            course.enrollments += users.map { Enrollment(user: $0, role: role.rawValue, range: $0.range) }
        }
        if let n = f["enrollments"] { course.enrollments += items(n, "enrollments", enrollment) }
        return course
    }
}
