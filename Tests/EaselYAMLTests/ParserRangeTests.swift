import EaselYAML
import Testing

@Suite struct ParserRangeTests {
    static let document = """
        name: Zoë Åström
        list:
          - a
          - {x: 1, y: [2, 3]}
        ñ: "é"
        😀: |
          text
        """

    /// Each path walks mappings by key and lists by index (`list.1.y`).
    @Test(arguments: [
        ("", "1:1-7:7"),
        ("name", "1:7-1:17"),
        ("list", "3:3-4:22"),
        ("list.0", "3:5-3:6"),
        ("list.1", "4:5-4:22"),
        ("list.1.x", "4:9-4:10"),
        ("list.1.y", "4:15-4:21"),
        ("list.1.y.1", "4:19-4:20"),
        ("ñ", "5:4-5:7"),
        ("😀", "6:4-7:7"),
    ])
    func nodeRanges(path: String, expected: String) throws {
        let result = parse(Self.document)
        #expect(result.diagnostics.isEmpty)
        var node = try #require(result.root)
        for component in path.split(separator: ".") {
            if let index = Int(component) {
                node = try #require(node.sequenceItems?[index])
            } else {
                node = try #require(node[String(component)])
            }
        }
        #expect(span(node.range) == expected)
        #expect(node.range.file == "t.yaml")
    }

    @Test func keyRangesCountCharactersNotBytes() throws {
        let root = try #require(parse("ü: 1\nçé: 2\n").root)
        let pairs = try #require(root.mappingPairs)
        #expect(pairs.map { span($0.key.range) } == ["1:1-1:2", "2:1-2:3"])
        #expect(pairs.map { span($0.value.range) } == ["1:4-1:5", "2:5-2:6"])
    }

    @Test(arguments: [
        ("a", ScalarStyle.singleQuoted, nil),
        ("b", .doubleQuoted, nil),
        ("c", .folded, nil),
        ("d", .plain, "!!str"),
        ("e", .plain, "!custom"),
    ])
    func scalarStylesAndTags(key: String, style: ScalarStyle, tag: String?) throws {
        let root = try #require(parse("a: 'x'\nb: \"y\"\nc: >\n  z\nd: !!str 1\ne: !custom q\n").root)
        let node = try #require(root[key])
        guard case .scalar(_, let actual) = node.value else {
            Issue.record("\(key) is not a scalar")
            return
        }
        #expect(actual == style)
        #expect(node.tag == tag)
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n  \n"])
    func emptyDocumentsHaveNoRoot(text: String) {
        let result = parse(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsNotAColumn() throws {
        let root = try #require(parse("\u{FEFF}a: 1\n").root)
        #expect(span(root.mappingPairs?.first?.key.range) == "1:1-1:2")
    }
}
