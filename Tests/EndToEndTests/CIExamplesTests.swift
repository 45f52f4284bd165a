import EaselCLI
import EaselCore
import EaselYAML
import Foundation
import Testing

/// The CI workflows in `examples/ci/`: each parses as YAML, every `easel …` line in its
/// scripts parses with the real command-line parser (so a renamed flag breaks this test),
/// the Canvas token comes from a named secret, never from the file, and easel is installed
/// from a release (the action, the image), never built from source.
@Suite struct CIExamplesTests {
    static let github = ["github/plan.yml", "github/apply.yml", "github/drift.yml"]
    static let files = github + ["gitlab/.gitlab-ci.yml"]

    @Test(arguments: files)
    func everyEaselCommandParses(_ file: String) throws {
        let text = try String(contentsOfFile: SimHarness.path("examples/ci/\(file)"), encoding: .utf8)
        let parsed = YAML.parse(text, file: file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let root = try #require(parsed.root)
        let commands = Self.scripts(in: root).flatMap(Self.easelCommands)
        #expect(!commands.isEmpty, "no easel command in \(file)")
        for arguments in commands {
            do {
                _ = try EaselCommand.parseAsRoot(arguments)
            } catch where EaselCommand.exitCode(for: error) == .success {
                // `easel --version`: the parser answers it and exits cleanly.
            } catch {
                Issue.record("\(file): 'easel \(arguments.joined(separator: " "))': \(EaselCommand.message(for: error))")
            }
        }
    }

    /// What each workflow is for, by the commands it runs.
    @Test func theWorkflowsRunWhatTheyPromise() throws {
        func commands(_ file: String) throws -> [String] {
            let text = try String(contentsOfFile: SimHarness.path("examples/ci/\(file)"), encoding: .utf8)
            let root = try #require(YAML.parse(text, file: file).root)
            return Self.scripts(in: root).flatMap(Self.easelCommands).map { $0.joined(separator: " ") }
        }
        let plan = try commands("github/plan.yml")
        #expect(plan.contains { $0.hasPrefix("plan --format markdown --detailed-exitcode --out plan.json") })
        #expect(try commands("github/apply.yml").contains("apply --plan plan.json easel/ --auto-approve"))
        #expect(try commands("github/drift.yml").contains("drift --format markdown"))
        let gitlab = try commands("gitlab/.gitlab-ci.yml")
        #expect(gitlab.contains { $0.hasPrefix("plan --format markdown") })
        #expect(gitlab.contains("apply --plan plan.json easel/ --auto-approve"))
        #expect(gitlab.contains("drift --format markdown"))
    }

    @Test(arguments: files)
    func secretsAreNamedNeverInlined(_ file: String) throws {
        let text = try String(contentsOfFile: SimHarness.path("examples/ci/\(file)"), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("CANVAS_TOKEN:") {
            #expect(line.contains("${{ secrets.CANVAS_TOKEN }}"), "\(file): \(line)")
        }
        if file.hasPrefix("github/") { #expect(text.contains("${{ secrets.CANVAS_TOKEN }}")) }
        #expect(!text.contains("--token "), "no token on a command line")
    }

    /// Each GitHub job installs easel with easel's action, pinned to this version and a
    /// checksum, before its first `easel` step; nothing clones, builds or needs Swift.
    @Test(arguments: github)
    func githubJobsInstallWithTheAction(_ file: String) throws {
        let text = try String(contentsOfFile: SimHarness.path("examples/ci/\(file)"), encoding: .utf8)
        let root = try #require(YAML.parse(text, file: file).root)
        let jobs = try #require(root["jobs"]?.mappingPairs)
        #expect(!jobs.isEmpty)
        for job in jobs {
            let name = job.key.scalarText ?? "?"
            #expect(job.value["container"] == nil, "\(file): job '\(name)' runs in a container")
            let steps = try #require(job.value["steps"]?.sequenceItems, "\(file): job '\(name)' has no steps")
            let install = try #require(
                steps.firstIndex { $0["uses"]?.scalarText?.hasSuffix("/easel@v\(EaselVersion.number)") == true },
                "\(file): job '\(name)' does not use easel's action at v\(EaselVersion.number)")
            #expect(steps[install]["with"]?["version"]?.scalarText == EaselVersion.number)
            #expect(steps[install]["with"]?["sha256"]?.scalarText == "${{ vars.EASEL_SHA256 }}")
            let firstEasel = steps.firstIndex { step in
                Self.scripts(in: step).contains { !Self.easelCommands($0).isEmpty }
            }
            #expect(firstEasel.map { install < $0 } == true, "\(file): job '\(name)' runs easel before installing it")
        }
        Self.expectNoBuildFromSource(text, file)
    }

    /// GitLab's jobs run in easel's image, with the entrypoint cleared for the job's shell.
    @Test func gitlabJobsRunInTheImage() throws {
        let file = "gitlab/.gitlab-ci.yml"
        let text = try String(contentsOfFile: SimHarness.path("examples/ci/\(file)"), encoding: .utf8)
        let root = try #require(YAML.parse(text, file: file).root)
        let image = try #require(root["default"]?["image"])
        #expect(image["name"]?.scalarText == "$EASEL_IMAGE")
        #expect(image["entrypoint"]?.sequenceItems?.map(\.scalarText) == [""])
        let jobs = try #require(root.mappingPairs).filter { $0.value["script"] != nil }
        #expect(jobs.count == 3)
        for job in jobs {
            #expect(job.value["image"] == nil, "job '\(job.key.scalarText ?? "?")' names another image")
        }
        Self.expectNoBuildFromSource(text, file)
        #expect(!text.contains("apt-get"), "the image has curl and jq; a job installs nothing (and is not root)")
    }

    static func expectNoBuildFromSource(_ text: String, _ file: String) {
        for sign in ["swift build", "swift:", "git clone", "make -C", "EASEL_REPO", "EASEL_REF"] {
            #expect(!text.contains(sign), "\(file) still builds easel from source: '\(sign)'")
        }
    }

    // MARK: extraction

    /// Every shell script in a workflow: `run:` (GitHub), `script:`/`before_script:`/`after_script:` (GitLab).
    static func scripts(in node: YAMLNode) -> [String] {
        switch node.value {
        case .scalar: return []
        case .sequence(let items): return items.flatMap { scripts(in: $0) }
        case .mapping(let pairs):
            return pairs.flatMap { pair -> [String] in
                guard ["run", "script", "before_script", "after_script"].contains(pair.key.stringValue ?? "") else {
                    return scripts(in: pair.value)
                }
                switch pair.value.value {
                case .scalar: return pair.value.stringValue.map { [$0] } ?? []
                case .sequence(let items): return items.compactMap(\.stringValue)
                case .mapping: return []
                }
            }
        }
    }

    /// The arguments of each `easel` command in a script: lines joined at `\`, split at
    /// `;`, `&&`, `||` and `|`, quotes removed, cut at the first redirection.
    static func easelCommands(_ script: String) -> [[String]] {
        let joined = script.replacingOccurrences(of: "\\\n", with: " ")
        var commands: [[String]] = []
        for line in joined.split(separator: "\n") {
            var words: [String] = []
            for word in shellWords(String(line)) {
                if [";", "&&", "||", "|"].contains(word) {
                    commands.append(words)
                    words = []
                } else {
                    words.append(word)
                }
            }
            commands.append(words)
        }
        return commands.compactMap { words in
            guard words.first == "easel" else { return nil }
            let arguments = words.dropFirst().prefix { !$0.hasPrefix(">") && !$0.hasPrefix("2>") && !$0.hasPrefix("<") }
            return Array(arguments)
        }
    }

    /// Splits at unquoted spaces, keeping `;` and `|`-style operators as words of their own.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == " " || ch == "\t" {
                flush()
            } else if ch == ";" {
                flush()
                words.append(";")
            } else if ch == "|" || ch == "&" {
                if let last = current.last, last == ch {
                    current.removeLast()
                    flush()
                    words.append(String([ch, ch]))
                } else {
                    flush()
                    current.append(ch)
                }
            } else {
                if current == "|" || current == "&" {
                    let op = current
                    current = ""
                    words.append(op)
                }
                current.append(ch)
            }
        }
        flush()
        return words
    }
}
