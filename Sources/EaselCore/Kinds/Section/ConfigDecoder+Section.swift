import EaselYAML

extension ConfigDecoder {
    func section(_ node: YAMLNode) -> Section? {
        datedObject(node, "section", keys: Self.sectionKeys).map {
            Section(id: $0.id, name: $0.name, start: $0.start, end: $0.end, range: $0.range)
        }
    }
}
