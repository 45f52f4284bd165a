import EaselYAML
import Foundation

/// A loaded config with every problem found, and the source texts the problems point into.
public struct LoadedConfig: Sendable {
    /// nil when the config has errors.
    public var config: Config?
    public var diagnostics: [Diagnostic]
    /// File path → text, for rendering diagnostics.
    public var sources: [String: String]
    /// The files read, in the order they were merged.
    public var files: [String]

    public var renderer: DiagnosticRenderer { DiagnosticRenderer(sources: sources) }
}

/// Loads a config file or directory: parse → decode → merge → expand classes → validate.
public enum ConfigLoader {
    /// The config path to use when none is given: `easel.yaml`, else `easel/`.
    public static func defaultPath(in directory: String = FileManager.default.currentDirectoryPath) -> String? {
        for candidate in ["easel.yaml", "easel.yml", "easel"] {
            let path = (directory as NSString).appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: path) { return candidate }
        }
        return nil
    }

    public static func load(path: String) -> LoadedConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return failed("no config at '\(path)'")
        }
        var files: [String] = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            if files.isEmpty { return failed("no *.yaml or *.yml files in '\(path)'") }
        }
        var contents: [(String, [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { return failed("cannot read '\(file)'") }
            contents.append((file, [UInt8](data)))
        }
        return load(contents: contents)
    }

    /// Loads a config from files' bytes: `(path, bytes)` in merge order. A file that is not
    /// UTF-8 is an error at its first invalid byte, and then nothing is decoded.
    public static func load(contents: [(String, [UInt8])]) -> LoadedConfig {
        var texts: [(String, String)] = []
        var errors: [Diagnostic] = []
        for (file, bytes) in contents {
            let decoded = YAML.text(of: bytes, file: file)
            texts.append((file, decoded.text))
            if let error = decoded.error { errors.append(error) }
        }
        guard errors.isEmpty else {
            let sources = Dictionary(texts, uniquingKeysWith: { a, _ in a })
            return LoadedConfig(config: nil, diagnostics: errors, sources: sources, files: texts.map(\.0))
        }
        return load(texts: texts)
    }

    /// Loads a config from texts already in memory: `(path, text)` in merge order.
    public static func load(texts: [(String, String)]) -> LoadedConfig {
        let reader = NodeReader()
        var fragments: [ConfigFragment] = []
        for (file, text) in texts {
            let parsed = YAML.parse(text, file: file)
            reader.append(parsed.diagnostics)
            if let root = parsed.root {
                fragments.append(ConfigDecoder(reader: reader).decode(root))
            }
        }
        let sources = Dictionary(texts, uniquingKeysWith: { a, _ in a })
        let files = texts.map(\.0)
        guard !reader.diagnostics.hasErrors || !fragments.isEmpty else {
            return LoadedConfig(config: nil, diagnostics: reader.diagnostics, sources: sources, files: files)
        }
        var config = Config()
        var managedRoleRanges: [SourceRange] = []
        var version: SourceRange?, canvas: SourceRange?, policy: SourceRange?
        func once(_ key: String, _ first: inout SourceRange?, _ range: SourceRange) -> Bool {
            if let first {
                reader.error("'\(key)' is defined twice", at: range, notes: [.init("first defined here", at: first)])
                return false
            }
            first = range
            return true
        }
        var blocks: [ClassesBlock] = []
        for fragment in fragments {
            if let (v, range) = fragment.version, once("version", &version, range) { config.version = v }
            if let (c, range) = fragment.canvas, once("canvas", &canvas, range) { config.canvas = c }
            if let (p, range) = fragment.policy, once("policy", &policy, range) {
                config.policy = p
                managedRoleRanges = fragment.managedRoleRanges
            }
            config.roles += fragment.roles
            config.terms += fragment.terms
            config.users += fragment.users
            config.courses += fragment.courses
            blocks += fragment.classes
        }
        // An empty file (or one of only comments) declares no version either: alone it is an
        // error, as the user likely emptied the wrong file; beside a file with the version it
        // is an empty fragment and fine (docs/config-reference.md, "Files and merging").
        if version == nil, let (file, _) = texts.first {
            let start = SourceLocation(line: 1, column: 1)
            let notes: [Diagnostic.Note] = fragments.isEmpty ? [.init(Self.nothingDeclared(texts.count))] : []
            reader.error(
                "the config does not say 'version: 1'", at: SourceRange(file: file, start: start, end: start), notes: notes)
        }
        let expander = ClassesExpander(reader: reader)
        for block in blocks { expander.expand(block, into: &config) }
        ConfigValidator(reader: reader).validate(config, managedRoleRanges: managedRoleRanges)
        let diagnostics = reader.diagnostics
        return LoadedConfig(
            config: diagnostics.hasErrors ? nil : config, diagnostics: diagnostics, sources: sources, files: files)
    }

    private static func nothingDeclared(_ files: Int) -> String {
        files == 1 ? "the file is empty or holds only comments" : "every file is empty or holds only comments"
    }

    private static func failed(_ message: String) -> LoadedConfig {
        LoadedConfig(config: nil, diagnostics: [.error(message, at: nil)], sources: [:], files: [])
    }
}
