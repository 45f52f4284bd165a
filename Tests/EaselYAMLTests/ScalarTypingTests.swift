import EaselYAML
import Testing

@Suite struct ScalarTypingTests {
    /// What a scalar means, read back through the public typing API.
    enum Typed: Equatable, Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)

        init(_ node: YAMLNode) {
            if node.isNull {
                self = .null
            } else if let flag = node.boolValue {
                self = .bool(flag)
            } else if let number = node.intValue {
                self = .int(number)
            } else if let number = node.doubleValue {
                self = .float(number)
            } else {
                self = .string(node.stringValue ?? "<not a string>")
            }
        }
    }

    /// `value:` followed by the text in each row.
    @Test(arguments: [
        ("~", Typed.null, "null"),
        ("null", .null, "null"),
        ("Null", .null, "null"),
        ("NULL", .null, "null"),
        ("", .null, "null"),
        ("nULL", .string("nULL"), "a string"),
        ("true", .bool(true), "a boolean"),
        ("True", .bool(true), "a boolean"),
        ("TRUE", .bool(true), "a boolean"),
        ("false", .bool(false), "a boolean"),
        ("False", .bool(false), "a boolean"),
        ("FALSE", .bool(false), "a boolean"),
        ("tRUE", .string("tRUE"), "a string"),
        ("yes", .string("yes"), "a string"),
        ("no", .string("no"), "a string"),
        ("on", .string("on"), "a string"),
        ("off", .string("off"), "a string"),
        ("12", .int(12), "a number"),
        ("-3", .int(-3), "a number"),
        ("+7", .int(7), "a number"),
        ("007", .int(7), "a number"),
        ("0o17", .int(15), "a number"),
        ("0x1F", .int(31), "a number"),
        ("0x", .string("0x"), "a string"),
        ("+0x1F", .string("+0x1F"), "a string"),
        ("1_000", .string("1_000"), "a string"),
        ("99999999999999999999", .float(1e20), "a number"),
        ("1.5", .float(1.5), "a number"),
        ("1e3", .float(1000), "a number"),
        ("-.5", .float(-0.5), "a number"),
        ("1.", .float(1), "a number"),
        ("-.inf", .float(-.infinity), "a number"),
        ("e3", .string("e3"), "a string"),
        ("2026-09-01", .string("2026-09-01"), "a string"),
        ("S1001", .string("S1001"), "a string"),
        ("'true'", .string("true"), "a string"),
        ("\"12\"", .string("12"), "a string"),
        ("'~'", .string("~"), "a string"),
        ("''", .string(""), "a string"),
        ("|\n  12", .string("12\n"), "a string"),
        ("!!str 12", .string("12"), "a string"),
        ("!!str true", .string("true"), "a string"),
        ("!!int \"12\"", .int(12), "a number"),
        ("!!bool 'false'", .bool(false), "a boolean"),
        ("!!int abc", .string("abc"), "a string"),
        ("! 12", .string("12"), "a string"),
    ])
    func coreSchema(text: String, expected: Typed, kindName: String) throws {
        let node = try #require(parse("value: \(text)\n").root?["value"])
        #expect(Typed(node) == expected)
        #expect(node.kindName == kindName)
        #expect(node.scalarText != nil)
    }

    @Test func notANumber() throws {
        let node = try #require(parse("value: .NaN\n").root?["value"])
        #expect(node.doubleValue?.isNaN == true)
        #expect(node.kindName == "a number")
    }

    @Test func collections() throws {
        let root = try #require(parse("map: {a: 1}\nlist: [1, 2]\n").root)
        #expect(root.kindName == "a mapping")
        #expect(root["map"]?.mappingPairs?.count == 1)
        #expect(root["map"]?.sequenceItems == nil)
        #expect(root["list"]?.kindName == "a list")
        #expect(root["list"]?.sequenceItems?.compactMap(\.intValue) == [1, 2])
        #expect(root["list"]?.scalarText == nil)
        #expect(root["missing"] == nil)
    }
}
