import EaselYAML

extension ConfigRenderer {
    static func terms(_ terms: [Term]) -> YAMLValue {
        .list(terms.map { term in
            map([
                ("id", .string(term.id)), ("name", .string(term.name)),
                ("start", date(term.start)), ("end", date(term.end)),
            ])
        })
    }
}
