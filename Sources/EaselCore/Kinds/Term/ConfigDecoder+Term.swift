import EaselYAML

extension ConfigDecoder {
    func term(_ node: YAMLNode) -> Term? {
        datedObject(node, "term", keys: Self.termKeys).map {
            Term(id: $0.id, name: $0.name, start: $0.start, end: $0.end, range: $0.range)
        }
    }
}
