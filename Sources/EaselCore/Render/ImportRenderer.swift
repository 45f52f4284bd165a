import EaselYAML

/// How `easel import --out DIR` groups courses into files.
public enum ImportSplit: String, Sendable, CaseIterable {
    case term, account
}

/// One file of an import: a name within the output directory, and its YAML.
public struct ImportFile: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Writes an imported config as YAML in the canonical form `easel render` uses: one
/// document, or a directory of files that `ConfigLoader` merges in name order
/// (`00-canvas.yaml` with the settings and terms, `10-users.yaml`, then one
/// `20-courses-<group>.yaml` per term or sub-account).
///
/// Courses without a SIS id follow the courses, commented out, for the admin to key.
public enum ImportRenderer {
    /// The whole config as one document; `source` says where it came from, for the header.
    public static func single(_ imported: ImportedConfig, source: String) -> String {
        let config = imported.config
        return document(
            ConfigRenderer.settings(config) + [
                ("terms", ConfigRenderer.terms(config.terms)),
                ("users", config.users.isEmpty ? nil : ConfigRenderer.users(config.users)),
            ],
            courses: config.courses, unkeyed: imported.unkeyedCourses, header: header(imported, source: source))
    }

    public static func split(_ imported: ImportedConfig, by split: ImportSplit, source: String) -> [ImportFile] {
        let config = imported.config
        let groupOf = split == .term ? imported.termGroup : imported.accountGroup
        func group(_ course: Course) -> String { groupOf[ImportedConfig.groupKey(course)] ?? "other" }
        let all = config.courses + imported.unkeyedCourses
        var order: [String] = split == .term ? config.terms.map(\.id) : ["root"]
        for name in all.map(group).sorted() where !order.contains(name) { order.append(name) }

        let top = [source] + ["Split by \(split.rawValue): the files of this directory merge into one config."]
        var files = [
            ImportFile(
                name: "00-canvas.yaml",
                text: document(
                    ConfigRenderer.settings(config) + [("terms", ConfigRenderer.terms(config.terms))],
                    courses: [], unkeyed: [], header: header(imported, source: top.joined(separator: "\n"))))
        ]
        if !config.users.isEmpty {
            files.append(ImportFile(
                name: "10-users.yaml",
                text: document([("users", ConfigRenderer.users(config.users))], courses: [], unkeyed: [], header: [
                    "The users the imported enrollments name.",
                ])))
        }
        for name in order {
            let courses = config.courses.filter { group($0) == name }
            let unkeyed = imported.unkeyedCourses.filter { group($0) == name }
            guard !courses.isEmpty || !unkeyed.isEmpty else { continue }
            let what = split == .term ? "term '\(name)'" : (name == "root" ? "the root account" : "sub-account '\(name)'")
            files.append(ImportFile(
                name: "20-courses-\(fileSafe(name)).yaml",
                text: document([], courses: courses, unkeyed: unkeyed, header: ["The courses of \(what)."])))
        }
        return files
    }

    private static func header(_ imported: ImportedConfig, source: String) -> [String] {
        [source, "Planned against the same Canvas, it shows no changes."]
            + imported.warnings.map { "Note: \($0)." }
    }

    /// The fields as a YAML document, then `courses`, then the unkeyed courses as comments.
    private static func document(
        _ fields: [(String, YAMLValue?)], courses: [Course], unkeyed: [Course], header: [String]
    ) -> String {
        let all = fields + [("courses", courses.isEmpty ? nil : .list(courses.map(ConfigRenderer.course)))]
        var text: String
        if all.contains(where: { $0.1 != nil }) {
            text = YAMLWriter.write(ConfigRenderer.map(all), header: header)
        } else {
            text = YAMLWriter.comment(header)
        }
        if unkeyed.isEmpty { return text }
        if courses.isEmpty { text += "# courses:\n" }
        for course in unkeyed { text += commented(course) }
        return text
    }

    /// A course without a SIS id as a commented-out list item under `courses:`, `canvas_id` first.
    private static func commented(_ course: Course) -> String {
        guard case .map(let entries) = ConfigRenderer.course(course) else { return "" }
        let canvasId = entries.filter { $0.key == "canvas_id" }
        let rest = entries.filter { $0.key != "id" && $0.key != "canvas_id" }
        let item = YAMLWriter.write(.list([.map(canvasId + rest)]))
        var text = "\n  # Canvas course \(course.canvasId ?? "?") ('\(course.name)') has no SIS id, and easel manages courses by SIS id.\n"
        text += "  # To manage it, uncomment it and give it an 'id': the plan then adopts it and sets that SIS id in Canvas.\n"
        for line in item.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            text += "  # \(line)\n"
        }
        return text
    }

    /// A group name as a file name: letters, digits, `.`, `_` and `-`; anything else becomes `_`.
    static func fileSafe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
