import EaselCLI
import EaselCore
import EaselYAML
import Foundation
import Testing

/// What a release is made of agrees with itself: the one version, its CHANGELOG section,
/// `--version`, the tarball name `scripts/release` writes and `action.yml` downloads, and
/// the Dockerfile's stages. (`make test-install` installs the real packages.)
@Suite struct DistributionTests {
    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: SimHarness.path(relative), encoding: .utf8)
    }

    @Test func versionPrintsTheNumberAndTheCommit() async throws {
        let out = OutputSink.capturing()
        let code = await EaselCommand.run(["--version"], console: Console(out: out, err: out, environment: [:], stdinIsTerminal: false))
        #expect(code == 0)
        // A test build is a plain `swift build`: no commit stamped, unless the environment
        // that built it set EASEL_BUILD_COMMIT.
        let commit = EaselVersion.commit ?? "unknown"
        #expect(out.captured == "\(EaselVersion.number) (commit \(commit))\n")
        #expect(EaselVersion.number.split(separator: ".").count == 3)
        #expect(EaselVersion.number.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    @Test func theChangelogHasASectionForTheVersion() throws {
        let changelog = try Self.read("CHANGELOG.md")
        let sections = changelog.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(sections.first?.split(separator: " ").dropFirst().first.map(String.init) == EaselVersion.number)
    }

    /// The version is written once: no other source spells it.
    @Test func theVersionIsWrittenOnce() throws {
        let sources = SimHarness.path("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        let spelling = "\"\(EaselVersion.number)\""
        let holders = try files.filter { try String(contentsOfFile: "\(sources)/\($0)", encoding: .utf8).contains(spelling) }
        #expect(holders == ["EaselCore/Support/EaselVersion.swift"])
    }

    @Test func theActionDownloadsWhatReleaseWrites() throws {
        let text = try Self.read("action.yml")
        let root = try #require(YAML.parse(text, file: "action.yml").root)
        #expect(root["runs"]?["using"]?.scalarText == "composite")
        for input in ["version", "sha256"] {
            #expect(root["inputs"]?[input]?["required"]?.boolValue == true, "input \(input)")
        }
        let step = try #require(root["runs"]?["steps"]?.sequenceItems?.first)
        let script = try #require(step["run"]?.scalarText)
        #expect(script.contains("tarball=\"easel-$version-linux-x86_64.tar.gz\""))
        #expect(script.contains("sha256sum --check"))
        #expect(script.contains("/releases/download/v$version/$tarball"))
        #expect(script.contains("$GITHUB_PATH"))
        #expect(try Self.read("scripts/release").contains("name=\"easel-$version-linux-x86_64\""))
    }

    @Test func theImageIsBuiltByMakeReleaseAndRunsEasel() throws {
        let dockerfile = try Self.read("Dockerfile")
        let instructions = dockerfile.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") }
        let froms = instructions.filter { $0.hasPrefix("FROM ") }
        #expect(froms.count == 2)
        #expect(froms.last == "FROM debian:bookworm-slim")
        #expect(dockerfile.contains("make release"))
        #expect(dockerfile.contains("/tmp/easel_*_amd64.deb"))
        #expect(instructions.contains("ENTRYPOINT [\"easel\"]"))
        let user = try #require(instructions.last { $0.hasPrefix("USER ") })
        #expect(user != "USER root" && user != "USER 0")
    }
}
