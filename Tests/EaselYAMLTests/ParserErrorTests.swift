import EaselYAML
import Testing

@Suite struct DuplicateKeyTests {
    @Test func reportsBothPlacesAndKeepsTheFirst() throws {
        let result = parse("a: 1\nb: 2\n\"a\": 3\n")
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "duplicate key 'a'")
        #expect(span(diagnostic.range) == "3:1-3:4")
        #expect(diagnostic.notes.map(\.message) == ["first defined here"])
        #expect(span(diagnostic.notes.first?.range) == "1:1-1:2")
        let root = try #require(result.root)
        #expect(root.mappingPairs?.count == 2)
        #expect(root["a"]?.intValue == 1)
    }

    /// Past sixteen keys the parser switches from scanning to an index; both must find duplicates.
    @Test(arguments: [3, 40])
    func inMappingsOfAnySize(keys: Int) throws {
        let lines =
            ["items:", "  - x: 1"] + (0..<keys).map { "    k\($0): \($0)" }
            + ["    k1: again", "    k\(keys - 1): again"]
        let result = parse(lines.joined(separator: "\n") + "\n")
        #expect(result.diagnostics.map(\.message) == ["duplicate key 'k1'", "duplicate key 'k\(keys - 1)'"])
        #expect(result.diagnostics.map { start($0.range) } == ["\(keys + 3):5", "\(keys + 4):5"])
        #expect(result.diagnostics.map { start($0.notes.first?.range) } == ["4:5", "\(keys + 2):5"])
        let item = try #require(result.root?["items"]?.sequenceItems?.first)
        #expect(item.mappingPairs?.count == keys + 1)
    }

    @Test func sameKeyInDifferentMappingsIsFine() {
        #expect(parse("a: {x: 1}\nb: {x: 2}\n").diagnostics.isEmpty)
    }
}

@Suite struct AliasTests {
    @Test func aliasesAreExpandedCopies() throws {
        let result = parse("base: &b {x: 1, y: [2, 3]}\ncopy: *b\nname: &n Ann\nwho: *n\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(YAMLValue(copy) == ["x": 1, "y": [2, 3]])
        #expect(YAMLValue(copy) == YAMLValue(base))
        #expect(span(copy.range) == span(base.range))
        #expect(root["who"]?.stringValue == "Ann")
    }

    @Test func billionLaughsHitsTheBudget() throws {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let refs = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            lines.append("\(name): &\(name) [\(refs)]")
        }
        let result = parse(lines.joined(separator: "\n") + "\n")
        #expect(result.root == nil)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "alias expansion exceeds 100000 nodes")
        // *a adds 11 nodes, *b 111, *c 1,111, *d 11,110: after b, c and d (12,320 nodes),
        // the eighth *d on the line for `e` passes 100,000.
        #expect(start(diagnostic.range) == "5:36")
    }

    @Test func budgetErrorIsLocatedAtTheAlias() throws {
        var limits = YAMLLimits()
        limits.maxAliasExpansion = 5
        let result = parse("a: &a [1, 2]\nb: *a\nc: *a\n", limits: limits)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "alias expansion exceeds 5 nodes")
        #expect(span(diagnostic.range) == "3:4-3:6")
    }

    @Test func undefinedAlias() throws {
        let result = parse("a: *nope\nb: 2\n")
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "undefined alias 'nope'")
        #expect(span(diagnostic.range) == "1:4-1:9")
        #expect(result.root?["b"]?.intValue == 2)
    }

    @Test func anchorCannotReferToItself() {
        let result = parse("a: &x [1, *x]\n")
        #expect(result.diagnostics.map(\.message) == ["undefined alias 'x'"])
    }
}

@Suite struct LimitTests {
    @Test(arguments: [64, 65])
    func flowNestingDepth(depth: Int) throws {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let result = parse(text)
        if depth <= 64 {
            #expect(result.diagnostics.isEmpty)
            #expect(result.root != nil)
        } else {
            #expect(result.root == nil)
            let diagnostic = try #require(result.diagnostics.only)
            #expect(diagnostic.message == "nesting deeper than 64 levels")
            #expect(start(diagnostic.range) == "1:65")
        }
    }

    @Test func blockNestingDepth() throws {
        var limits = YAMLLimits()
        limits.maxDepth = 3
        let result = parse("a:\n  b:\n    c:\n      d: 1\n", limits: limits)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "nesting deeper than 3 levels")
        #expect(start(diagnostic.range) == "4:7")
    }

    /// An alias can carry a deep subtree into a deep place; the sum counts.
    @Test func aliasesCannotDeepenPastTheLimit() throws {
        var limits = YAMLLimits()
        limits.maxDepth = 3
        let result = parse("a: &x [[1]]\nb: [[*x]]\n", limits: limits)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "nesting deeper than 3 levels")
        #expect(span(diagnostic.range) == "2:6-2:8")
    }
}

@Suite struct DocumentShapeTests {
    @Test func secondDocumentIsAnError() throws {
        let result = parse("a: 1\n---\nb: 2\n")
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "unexpected second document (a file holds one document)")
        #expect(span(diagnostic.range) == "2:1-2:4")
        #expect(result.root?["a"]?.intValue == 1)
    }

    @Test func explicitFirstDocumentIsFine() throws {
        let result = parse("---\na: 1\n...\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["a"]?.intValue == 1)
    }

    @Test func mergeKeysAreRefused() throws {
        let result = parse("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == "merge keys ('<<') are not supported")
        #expect(span(diagnostic.range) == "3:3-3:5")
        #expect(YAMLValue(try #require(result.root?["item"])) == ["y": 2])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() {
        let result = parse("'<<': 1\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["<<"]?.intValue == 1)
    }
}

@Suite struct SyntaxErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var message: String
        var at: String
        var notes: [String] = []
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(
            name: "key indented less than its siblings", text: "a:\n  b: 1\n c: 2\n",
            message: "did not find expected key", at: "3:2", notes: ["while parsing a block mapping @ 1:1"]),
        Case(
            name: "key indented more than its siblings", text: "a:\n  b: 1\n   c: 2\n",
            message: "unexpected ':' here: check the indentation of this line", at: "3:5"),
        Case(
            name: "unclosed double quote", text: "a: 1\nb: \"hello\nc: 3\nd: 4\n",
            message: "unclosed double quote", at: "2:4", notes: ["the file ends before the closing quote @ 5:1"]),
        Case(
            name: "unclosed single quote", text: "a: 'hello\n",
            message: "unclosed single quote", at: "1:4", notes: ["the file ends before the closing quote @ 2:1"]),
        Case(
            name: "tab as the only indentation", text: "a:\n\tb: 1\n",
            message: "tab character used for indentation (use spaces)", at: "2:1"),
        Case(
            name: "tab in a nested mapping", text: "a:\n  b: 1\n\tc: 2\n",
            message: "tab character used for indentation (use spaces)", at: "3:1"),
        Case(
            name: "tab after spaces", text: "a:\n  b:\n  \tc: 2\n",
            message: "tab character used for indentation (use spaces)", at: "3:3"),
        Case(
            name: "control character", text: "a: x\u{1}y\n",
            message: "control characters are not allowed (found U+0001)", at: "1:5"),
        Case(
            name: "unclosed flow list", text: "a: [1, 2\nb: 3\n",
            message: "did not find expected ',' or ']'", at: "2:2",
            notes: ["while parsing a flow sequence @ 1:4"]),
        Case(
            name: "non-ASCII before the problem", text: "ñañá: x\n  ü: 1\n y: 2\n",
            message: "unexpected ':' here: check the indentation of this line", at: "2:4"),
    ])
    func locatedAndWorded(_ c: Case) throws {
        let result = parse(c.text)
        #expect(result.root == nil)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.message == c.message)
        #expect(start(diagnostic.range) == c.at)
        #expect(diagnostic.range?.file == "t.yaml")
        #expect(diagnostic.notes.map { "\($0.message) @ \(start($0.range))" } == c.notes)
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
