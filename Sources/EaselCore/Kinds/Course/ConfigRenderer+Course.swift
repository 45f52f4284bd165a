import EaselYAML

extension ConfigRenderer {
    static func course(_ course: Course) -> YAMLValue {
        var fields: [(String, YAMLValue?)] = [
            ("id", .string(course.id)), ("name", .string(course.name)), ("code", .string(course.code)),
            ("term", course.term.map { .string($0.id) }),
            ("account", course.account.map(accountValue)),
            ("published", course.published.map(YAMLValue.bool)),
            ("start", date(course.start)), ("end", date(course.end)),
            ("canvas_id", course.canvasId.map { id in Int(id).map(YAMLValue.int) ?? .string(id) }),
            ("protect", course.protect ? .bool(true) : nil),
        ]
        if !course.sections.isEmpty {
            fields.append(("sections", .list(course.sections.map { section in
                map([
                    ("id", .string(section.id)), ("name", .string(section.name)),
                    ("start", date(section.start)), ("end", date(section.end)),
                ])
            })))
        }
        let short = course.enrollments.filter(\.isShortForm)
        for role in BaseRole.allCases {
            let users = short.filter { $0.role == role.rawValue }.map { YAMLValue.string($0.user.id) }
            if !users.isEmpty { fields.append((role.listKey, .list(users))) }
        }
        let long = course.enrollments.filter { !$0.isShortForm }
        if !long.isEmpty {
            fields.append(("enrollments", .list(long.map { e in
                map([
                    ("user", .string(e.user.id)), ("role", .string(e.role)),
                    ("section", e.section.map { .string($0.id) }),
                    ("state", e.state == .active ? nil : .string(e.state.rawValue)),
                    ("observing", e.observing.map { .string($0.id) }),
                ])
            })))
        }
        return map(fields)
    }
}
