import EaselYAML
import Foundation
import Testing

@testable import EaselCore

/// `schema/easel.schema.json` against the decoder (same keys, enums, date forms), against
/// the examples and broken documents (through `scripts/check-schema.py`), and against
/// `docs/config-reference.md` (every key documented).
@Suite struct SchemaTests {
    static let schemaURL = Fixtures.repository.appendingPathComponent("schema/easel.schema.json")
    static let docURL = Fixtures.repository.appendingPathComponent("docs/config-reference.md")

    // MARK: Keys

    /// Each kind of mapping the decoder reads, its keys, and where the schema describes it.
    struct ObjectKind: Sendable, CustomTestStringConvertible {
        var name: String
        var decoderKeys: [String]
        var path: [SchemaNode.Step]
        var testDescription: String { name }

        static let all: [ObjectKind] = [
            .init(name: "top", decoderKeys: ConfigDecoder.topKeys, path: []),
            .init(name: "canvas", decoderKeys: ConfigDecoder.canvasKeys, path: [.property("canvas")]),
            .init(name: "roles item", decoderKeys: ConfigDecoder.roleKeys, path: [.property("roles"), .items]),
            .init(name: "policy", decoderKeys: ConfigDecoder.policyKeys, path: [.property("policy")]),
            .init(name: "terms item", decoderKeys: ConfigDecoder.termKeys, path: [.property("terms"), .items]),
            .init(name: "users item", decoderKeys: ConfigDecoder.userKeys, path: [.property("users"), .items]),
            .init(name: "courses item", decoderKeys: ConfigDecoder.courseKeys, path: [.property("courses"), .items]),
            .init(
                name: "section", decoderKeys: ConfigDecoder.sectionKeys,
                path: [.property("courses"), .items, .property("sections"), .items]),
            .init(
                name: "enrollment", decoderKeys: ConfigDecoder.enrollmentKeys,
                path: [.property("courses"), .items, .property("enrollments"), .items]),
            .init(name: "classes (one block)", decoderKeys: ConfigDecoder.classesKeys, path: [.property("classes")]),
            .init(
                name: "classes (a list of blocks)", decoderKeys: ConfigDecoder.classesKeys,
                path: [.property("classes"), .items]),
            .init(
                name: "subject", decoderKeys: ConfigDecoder.subjectKeys,
                path: [.property("classes"), .property("subjects"), .items]),
            .init(
                name: "class", decoderKeys: ConfigDecoder.classKeys,
                path: [.property("classes"), .property("list"), .items]),
            .init(
                name: "a class's subject extras", decoderKeys: ConfigDecoder.roleListKeys,
                path: [.property("classes"), .property("list"), .items, .property("subjects"), .values]),
        ]
    }

    @Test(arguments: ObjectKind.all)
    func schemaHasTheDecodersKeys(_ kind: ObjectKind) throws {
        let schema = try Self.schema()
        let object = try #require(schema.follow(kind.path), "no object schema for \(kind.name)")
        let schemaKeys = object.propertyNames
        let decoderKeys = Set(kind.decoderKeys)
        #expect(decoderKeys.subtracting(schemaKeys).isEmpty, "decoder keys missing from \(object.pointer)")
        #expect(schemaKeys.subtracting(decoderKeys).isEmpty, "keys in \(object.pointer) that the decoder refuses")
    }

    @Test func everyObjectInTheSchemaIsOneTheDecoderReads() throws {
        let schema = try Self.schema()
        let checked = Set(try ObjectKind.all.map { try #require(schema.follow($0.path)).pointer })
        let objects = Set(schema.objectSchemas().map(\.pointer))
        #expect(objects.subtracting(checked).isEmpty, "object schemas no decoder key list is compared with")
    }

    @Test func everyObjectIsClosedAndEveryPropertyDescribed() throws {
        for object in try Self.schema().objectSchemas() {
            #expect(object.dict["additionalProperties"] as? Bool == false, "\(object.pointer) allows unknown keys")
            for (key, property) in object.dict["properties"] as? [String: Any] ?? [:] {
                let description = (property as? [String: Any])?["description"] as? String ?? ""
                #expect(!description.isEmpty, "\(object.pointer)/properties/\(key) has no description")
            }
        }
    }

    // MARK: Values

    @Test func enumsAreTheDecodersChoices() throws {
        let schema = try Self.schema()
        func choices(_ path: [SchemaNode.Step], _ key: String) throws -> [String] {
            let property = try #require(schema.follow(path)?.property(key), "no \(key) at \(path)")
            return property.resolved.dict["enum"] as? [String] ?? []
        }
        #expect(try choices([.property("policy")], "withdraw") == Policy.Withdraw.allCases.map(\.rawValue))
        #expect(try choices([.property("policy")], "user_key") == Policy.UserKey.allCases.map(\.rawValue))
        #expect(try choices([.property("roles"), .items], "base") == BaseRole.allCases.map(\.rawValue))
        #expect(
            try choices([.property("courses"), .items, .property("enrollments"), .items], "state")
                == Enrollment.State.allCases.map(\.rawValue))
        #expect(try choices([.property("classes")], "layout") == ClassesBlock.Layout.allCases.map(\.rawValue))
    }

    @Test func policyDefaultsAreDescribed() throws {
        let schema = try Self.schema()
        let policy = try #require(schema.follow([.property("policy")]))
        let defaults = Policy()
        let expected = [
            "withdraw": defaults.withdraw.rawValue,
            "managed_roles": "[\(defaults.managedRoles.joined(separator: ", "))]",
            "prune_courses": "\(defaults.pruneCourses)",
            "max_withdraw": defaults.maxWithdraw.text,
            "user_key": defaults.userKey.rawValue,
            "notify": "\(defaults.notify)",
        ]
        for (key, value) in expected {
            let description = policy.property(key)?.dict["description"] as? String ?? ""
            #expect(description.contains("Default: \(value)."), "policy.\(key): \(description)")
        }
    }

    /// The date pattern accepts exactly what `ConfigDate` parses (except February 29 of a common year).
    @Test(arguments: [
        "2026-09-01", "2024-02-29", "2026-12-31", "2026-09-01T08:00Z", "2026-09-01t08:00:00z",
        "2026-09-01 08:00:00.123+01:00", "2026-09-01T08:00:00,5-0530", "2026-09-01T23:59:60Z",
        "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-9-1", "20260901", "2026-09-01T08:00",
        "2026-09-01T24:00Z", "2026-09-01T08:60Z", "2026-09-01T08:00:00+2400", "2026-09-01T08:00:00.Z", " 2026-09-01",
    ])
    func datePatternMatchesTheDecoder(_ text: String) throws {
        let schema = try Self.schema()
        let pattern = try #require(schema.definition("date")?.dict["pattern"] as? String)
        let matches = try Self.matches(pattern, text)
        #expect(matches == (ConfigDate(iso: text) != nil))
    }

    @Test func templatePatternKnowsThePlaceholders() throws {
        let schema = try Self.schema()
        let pattern = try #require(schema.definition("template")?.dict["pattern"] as? String)
        for placeholder in Template.placeholders {
            #expect(try Self.matches(pattern, "x-{\(placeholder)}-y"), "{\(placeholder)}")
        }
        #expect(try !Self.matches(pattern, "{klass}"))
        #expect(try !Self.matches(pattern, "{class"))
        #expect(try Self.matches(pattern, "a}b"))
    }

    // MARK: Documents

    @Test(arguments: ["examples/school", "examples/class-as-term"])
    func exampleConfigsMatchTheSchema(_ directory: String) throws {
        let url = Fixtures.repository.appendingPathComponent(directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { url.appendingPathComponent($0).path }
        try #require(!files.isEmpty, "no YAML files in \(directory)")
        let result = try SchemaChecker.run(files)
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")
    }

    /// A document both easel and the schema refuse, with what each says.
    struct Wrong: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var schemaSays: String
        var easelSays: String
        var testDescription: String { name }
    }

    static let wrong: [Wrong] = [
        .init(
            name: "unknown key", yaml: "version: 1\ncourses:\n  - {id: C1, name: Course, nmae: x}\n",
            schemaSays: "3:28: error: unknown key 'nmae' in courses[0]", easelSays: "unknown key 'nmae' in course"),
        .init(
            name: "unknown key in a class's subject",
            yaml: """
                version: 1
                classes:
                  term: T
                  subjects: [{id: M, name: Maths}]
                  list: [{id: 10A, name: 10 A, subjects: {M: {pupils: [S1]}}}]
                terms: [{id: T, name: Term}]
                """,
            schemaSays: "unknown key 'pupils' in classes.list[0].subjects.M",
            easelSays: "unknown key 'pupils' in subject 'M' of class '10A'"),
        .init(
            name: "bad enum", yaml: "version: 1\npolicy:\n  withdraw: archive\n",
            schemaSays: "3:13: error: 'archive' is not one of", easelSays: "invalid value 'archive' for 'withdraw'"),
        .init(
            name: "bad enrollment state",
            yaml: """
                version: 1
                users: [{id: S1, name: S, login: s1}]
                courses:
                  - {id: C1, name: C, enrollments: [{user: S1, role: student, state: deleted}]}
                """,
            schemaSays: "'deleted' is not one of", easelSays: "invalid value 'deleted' for 'state'"),
        .init(
            name: "bad date", yaml: "version: 1\nterms:\n  - {id: T, name: Term, start: 2026-02-30}\n",
            schemaSays: "3:32: error: invalid value '2026-02-30' for terms[0].start",
            easelSays: "invalid date '2026-02-30'"),
        .init(
            name: "timestamp without a zone",
            yaml: "version: 1\nterms:\n  - {id: T, name: Term, end: 2026-09-01T08:00}\n",
            schemaSays: "invalid value '2026-09-01T08:00'", easelSays: "invalid date '2026-09-01T08:00'"),
        .init(
            name: "boolean written the YAML 1.1 way", yaml: "version: 1\npolicy: {notify: yes}\n",
            schemaSays: "'yes' is not of type 'boolean'", easelSays: "expected true or false for 'notify'"),
        .init(
            name: "max_withdraw over 100%", yaml: "version: 1\npolicy: {max_withdraw: 150%}\n",
            schemaSays: "invalid value '150%' for policy.max_withdraw", easelSays: "invalid max_withdraw '150%'"),
        .init(
            name: "account without sis_account_id", yaml: "version: 1\ncanvas: {account: HS}\n",
            schemaSays: "invalid value 'HS' for canvas.account", easelSays: "invalid account 'HS'"),
        .init(
            name: "canvas_id not a number", yaml: "version: 1\ncourses: [{id: C, name: C, canvas_id: 12a}]\n",
            schemaSays: "invalid value '12a' for courses[0].canvas_id", easelSays: "invalid canvas_id '12a'"),
        .init(
            name: "id with a trailing space", yaml: "version: 1\nterms: [{id: \"T \", name: Term}]\n",
            schemaSays: "invalid value 'T ' for terms[0].id", easelSays: "invalid id 'T '"),
        .init(
            name: "version 2", yaml: "version: 2\n",
            schemaSays: "1 was expected", easelSays: "unsupported config version 2"),
        .init(
            name: "custom role named like a base role", yaml: "version: 1\nroles: [{name: teacher, base: ta}]\n",
            schemaSays: "invalid value 'teacher' for roles[0].name",
            easelSays: "custom role 'teacher' has the name of a base role"),
        .init(
            name: "user without login", yaml: "version: 1\nusers: [{id: S1, name: S}]\n",
            schemaSays: "'login' is a required property", easelSays: "missing required key 'login'"),
        .init(
            name: "unknown placeholder",
            yaml: """
                version: 1
                terms: [{id: T, name: Term}]
                classes: {term: T, course_id: "{klass}", subjects: [], list: []}
                """,
            schemaSays: "invalid value '{klass}' for classes.course_id", easelSays: "unknown placeholder '{klass}'"),
        .init(
            name: "term with class-as-term",
            yaml: "version: 1\nclasses: {layout: class-as-term, term: T, subjects: [], list: []}\n",
            schemaSays: "2:34: error: key 'term' does not apply here",
            easelSays: "'term' applies to layout 'class-subject' only"),
        .init(
            name: "class-subject without term",
            yaml: "version: 1\nclasses: [{term_id: \"{class}\", subjects: [], list: []}]\n",
            schemaSays: "'term' is a required property",
            easelSays: "classes with layout 'class-subject' need a 'term'"),
        .init(
            name: "duplicate key", yaml: "version: 1\nterms:\n  - id: T\n    name: A\n    name: B\n",
            schemaSays: "5:5: error: duplicate key 'name'", easelSays: "duplicate key 'name'"),
        .init(
            name: "merge key", yaml: "version: 1\nterms:\n  - id: T\n    <<: {name: A}\n",
            schemaSays: "merge keys ('<<') are not supported", easelSays: "merge keys ('<<') are not supported"),
    ]

    @Test(arguments: wrong)
    func wrongDocumentsFailTheSchemaAndTheDecoder(_ doc: Wrong) throws {
        let result = try SchemaChecker.run(["-"], stdin: doc.yaml)
        #expect(result.status == 1)
        #expect(result.output.contains(doc.schemaSays), "\(result.output)")
        let loaded = ConfigLoader.load(texts: [("wrong.yaml", doc.yaml)])
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains(doc.easelSays) }, "\(messages)")
    }

    /// Documents that use the forms easel accepts but a naive schema might not.
    static let accepted: [String] = [
        """
        version: 1
        canvas: {url: "https://canvas.example", account: "sis_account_id:ROOT"}
        roles: [{name: Grader, base: ta}]
        policy:
          withdraw: delete
          managed_roles: [student, Grader]
          prune_courses: true
          max_withdraw: 200
          user_key: sis_id
          notify: true
        terms:
          - {id: 2026, name: 2026, start: 2026-09-01T08:00Z, end: "2027-01-31 17:00:00.5+0100"}
        users:
          - {id: 1001, name: Jane Doe, login: no, email: j@x.example, sortable_name: "Doe, Jane", auth_provider: saml}
          - {id: P1, name: Parent, login: p1}
        courses:
          - id: 42
            name: Course
            code: 42
            term: 2026
            account: 7
            canvas_id: "1234"
            published: false
            protect: true
            start: 2026-09-01
            sections:
            students: [1001]
            observers:
            enrollments:
              - {user: P1, role: observer, observing: 1001, state: inactive}
        """,
        """
        version: 1
        users: [{id: T1, name: T, login: t1}, {id: S1, name: S, login: s1}]
        terms: [{id: F, name: Fall}]
        classes:
          - layout: class-as-term
            term_id: "{class}-26"
            term_name: "{class.name} 2026"
            start: 2026-09-01
            end: 2027-07-15
            subjects: [{id: LIT, name: Literacy}, {id: NUM, name: Numeracy}]
            list:
              - {id: Y1, name: Year 1, teachers: [T1], subjects: [LIT]}
              - id: Y2
                name: Year 2
                end: 2027-06-30
                subjects: {LIT: , NUM: {students: [S1]}}
          - term: F
            course_code: "{class}/{subject}"
            published: true
            account: sis_account_id:HS
            subjects: [{id: 10, name: Ten}]
            list: [{id: 7, name: 7, students: [S1], subjects: {10: {}}}]
        """,
        // Files of a directory config: no version; only comments.
        "terms:\n  - {id: T, name: Term}\n",
        "# nothing here yet\n",
    ]

    @Test(arguments: accepted.indices)
    func documentsEaselAcceptsMatchTheSchema(_ index: Int) throws {
        let yaml = Self.accepted[index]
        let result = try SchemaChecker.run(["-"], stdin: yaml)
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")
        let files = yaml.hasPrefix("version:") ? [("a.yaml", yaml)] : [("a.yaml", "version: 1\n"), ("b.yaml", yaml)]
        let loaded = ConfigLoader.load(texts: files)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.message))")
    }

    // MARK: Reference

    @Test func everySchemaKeyIsInTheReference() throws {
        let doc = try String(contentsOf: Self.docURL, encoding: .utf8)
        let keys = Set(try Self.schema().objectSchemas().flatMap(\.propertyNames))
        let missing = keys.filter { !doc.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "keys not documented as `key` in docs/config-reference.md: \(missing)")
    }

    // MARK: Helpers

    static func schema() throws -> SchemaNode {
        let data = try Data(contentsOf: schemaURL)
        let json = try JSONSerialization.jsonObject(with: data)
        let root = try #require(json as? [String: Any], "the schema is not a JSON object")
        return SchemaNode(value: root, pointer: "#", root: root)
    }

    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// A place in the schema as `JSONSerialization` reads it, named by its JSON pointer.
struct SchemaNode {
    enum Step: Sendable {
        /// A key of the current object.
        case property(String)
        /// The items of the current list (or of a list alternative in `oneOf`).
        case items
        /// The values of the current mapping with free keys (`additionalProperties`).
        case values
    }

    let value: Any
    let pointer: String
    let root: [String: Any]

    var dict: [String: Any] { value as? [String: Any] ?? [:] }

    private func child(_ key: String) -> SchemaNode? {
        dict[key].map { SchemaNode(value: $0, pointer: "\(pointer)/\(key)", root: root) }
    }

    /// The node with `$ref`s followed.
    var resolved: SchemaNode {
        guard let ref = dict["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return self }
        return definition(String(ref.dropFirst("#/$defs/".count)))?.resolved ?? self
    }

    func definition(_ name: String) -> SchemaNode? {
        SchemaNode(value: root, pointer: "#", root: root).child("$defs")?.child(name)
    }

    /// The alternatives of `oneOf`/`anyOf`/`allOf`, resolved.
    private var variants: [SchemaNode] {
        ["oneOf", "anyOf", "allOf"].flatMap { keyword -> [SchemaNode] in
            guard let list = dict[keyword] as? [Any] else { return [] }
            return list.indices.map {
                SchemaNode(value: list[$0], pointer: "\(pointer)/\(keyword)/\($0)", root: root).resolved
            }
        }
    }

    private var isObject: Bool {
        (dict["type"] as? String) == "object" || (dict["type"] as? [String])?.contains("object") == true
    }

    /// This node as an object schema: itself, or its object alternative.
    var object: SchemaNode? {
        let node = resolved
        if node.isObject { return node }
        return node.variants.lazy.compactMap(\.object).first
    }

    func property(_ key: String) -> SchemaNode? {
        object?.child("properties")?.child(key)
    }

    var propertyNames: Set<String> { Set((dict["properties"] as? [String: Any] ?? [:]).keys) }

    private var items: SchemaNode? {
        let node = resolved
        if let items = node.child("items") { return items.resolved }
        return node.variants.lazy.compactMap(\.items).first
    }

    /// The object schema at the end of `path`.
    func follow(_ path: [Step]) -> SchemaNode? {
        var node: SchemaNode? = self
        for step in path {
            switch step {
            case .property(let key): node = node?.property(key)
            case .items: node = node?.items
            case .values: node = node?.object?.child("additionalProperties")?.resolved
            }
        }
        return node?.object
    }

    /// Every object schema with declared keys, anywhere in the document.
    func objectSchemas() -> [SchemaNode] {
        var found: [SchemaNode] = []
        func walk(_ node: SchemaNode) {
            if let dict = node.value as? [String: Any] {
                if node.isObject, dict["properties"] != nil { found.append(node) }
                for key in dict.keys.sorted() { walk(node.child(key)!) }
            } else if let list = node.value as? [Any] {
                for i in list.indices { walk(SchemaNode(value: list[i], pointer: "\(node.pointer)/\(i)", root: root)) }
            }
        }
        walk(self)
        return found
    }
}

/// Runs `scripts/check-schema.py` with python3, which needs the jsonschema and PyYAML modules.
enum SchemaChecker {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ files: [String], stdin: String? = nil) throws -> (status: Int32, output: String) {
        let script = Fixtures.repository.appendingPathComponent("scripts/check-schema.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, SchemaTests.schemaURL.path] + files
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw Unavailable(description: "cannot run python3 through /usr/bin/env: \(error)")
        }
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 2: the script could not run (a module missing, a broken schema); 127: no python3.
        if process.terminationStatus != 0, process.terminationStatus != 1 {
            throw Unavailable(description: """
                scripts/check-schema.py could not check the schema (exit \(process.terminationStatus)); \
                the schema tests need python3 with the jsonschema and PyYAML modules \
                (pip install jsonschema pyyaml): \(text)
                """)
        }
        return (process.terminationStatus, text)
    }
}
