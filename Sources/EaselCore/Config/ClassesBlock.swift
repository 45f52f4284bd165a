import EaselYAML

/// A `classes` block: the timetable's classes × subjects, from which courses,
/// (for `class-as-term`) terms, and enrollments are generated.
struct ClassesBlock {
    enum Layout: String, CaseIterable {
        case classSubject = "class-subject"
        case classAsTerm = "class-as-term"
    }

    struct Subject {
        var id: String
        var name: String
        var range: SourceRange
    }

    /// Users per role, from the short role lists (`students: [...]`).
    typealias RoleLists = [(role: BaseRole, users: [Ref])]

    struct SchoolClass {
        var id: String
        var name: String
        var start: ConfigDate?
        var end: ConfigDate?
        var roles: RoleLists
        /// The class's subjects and their extra enrollments; nil means every subject of the block.
        var subjects: [(subject: Ref, roles: RoleLists)]?
        var range: SourceRange
    }

    var layout: Layout = .classSubject
    var term: Ref?
    var courseId: Template
    var courseName: Template
    var courseCode: Template
    var termId: Template
    var termName: Template
    var start: ConfigDate?
    var end: ConfigDate?
    var account: String?
    var published: Bool?
    var subjects: [Subject] = []
    var classes: [SchoolClass] = []
    var range: SourceRange
}

/// A `{class}-{subject}` template over the names a `classes` block provides.
struct Template {
    enum Part: Equatable {
        case text(String)
        case placeholder(String)
    }

    static let placeholders = ["term", "class", "subject", "class.name", "subject.name"]
    /// What a term's id and name can use: a class-as-term term comes before any subject.
    static let classPlaceholders = ["class", "class.name"]

    var text: String
    var parts: [Part]
    var range: SourceRange

    /// Splits `text` into parts; unknown or unclosed placeholders are reported.
    init(_ text: String, range: SourceRange, reader: NodeReader?, allowed: [String] = Template.placeholders) {
        self.text = text
        self.range = range
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                reader?.error("unclosed '{' in template '\(text)'", at: range)
                rest = ""
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if allowed.contains(name) {
                parts.append(.placeholder(name))
            } else {
                reader?.error("unknown placeholder '{\(name)}' in template '\(text)' (expected one of \(allowed.map { "{\($0)}" }.joined(separator: ", ")))\(Suggestion.hint(for: name, in: allowed))", at: range)
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func render(_ values: [String: String]) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .placeholder(let p): out += values[p] ?? ""
            }
        }
        return out
    }
}
