import EaselCore
import EaselYAML
import Testing

/// One invalid config per kind of error, each with its exact rendered diagnostics beside it.
@Suite struct ConfigDiagnosticsTests {
    @Test(arguments: Fixtures.invalidCases())
    func invalidConfigIsReportedExactly(_ name: String) throws {
        try #require(!name.hasPrefix(Fixtures.listingFailed), "\(name)")
        let file = "\(name).yaml"
        let loaded = ConfigLoader.load(texts: [(file, try Fixtures.text("invalid/\(file)"))])
        #expect(loaded.config == nil, "an invalid config yields no config")
        #expect(loaded.diagnostics.hasErrors)
        let rendered = loaded.diagnostics.map { loaded.renderer.render($0) + "\n" }.joined()
        #expect(rendered == (try Fixtures.golden("invalid/\(name).expected", actual: rendered)))
    }

    /// The case list above is read from disk: it must have found every fixture.
    @Test func theInvalidFixturesAreAllListed() throws {
        let names = try Fixtures.listInvalidCases().get()
        #expect(names.count >= Fixtures.knownInvalidCaseCount, "\(names)")
        #expect(Fixtures.invalidCases() == names)
    }

    @Test func everyProblemIsReportedInOneRun() throws {
        let path = Fixtures.repository.appendingPathComponent("examples/invalid/typos.yaml").path
        let loaded = ConfigLoader.load(path: path)
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains { $0.hasPrefix("invalid value 'archive' for 'withdraw'") })
        #expect(messages.contains { $0.hasPrefix("invalid max_withdraw 'lots'") })
        #expect(messages.contains { $0.hasPrefix("invalid date '2026-02-30'") })
        #expect(messages.contains("unknown key 'nmae' in user (did you mean 'name'?)"))
        #expect(messages.contains { $0.hasPrefix("unknown term '2026-FAL'") && $0.hasSuffix("(did you mean '2026-FALL'?)") })
        #expect(messages.contains { $0.hasPrefix("unknown user 'S1002'") })
        #expect(messages.contains { $0.hasPrefix("unknown role 'Grader'") })
        #expect(messages.contains { $0.hasPrefix("unknown section '2026F-MATH101-P2'") })
    }

    @Test func duplicateIdsAcrossFilesNameBothPlaces() throws {
        let loaded = ConfigLoader.load(texts: [
            ("a.yaml", "version: 1\ncourses:\n  - {id: BIO, name: Biology}\n"),
            ("b.yaml", "courses:\n  - id: BIO\n    name: Biology again\n"),
        ])
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.message == "duplicate course id 'BIO'")
        #expect(diagnostic.range?.file == "b.yaml")
        #expect(diagnostic.range?.start == SourceLocation(line: 2, column: 9))
        #expect(diagnostic.notes.first?.range?.file == "a.yaml")
        #expect(diagnostic.notes.first?.range?.start == SourceLocation(line: 3, column: 10))
    }

    @Test func aSingletonDefinedInTwoFilesIsAnError() {
        let loaded = ConfigLoader.load(texts: [
            ("a.yaml", "version: 1\npolicy:\n  withdraw: delete\n"),
            ("b.yaml", "policy:\n  withdraw: conclude\n"),
        ])
        #expect(loaded.diagnostics.map(\.message) == ["'policy' is defined twice"])
        #expect(loaded.diagnostics.first?.notes.first?.range?.file == "a.yaml")
    }

    @Test func theExampleDirectoryWithDuplicatesFails() {
        let path = Fixtures.repository.appendingPathComponent("examples/invalid/duplicate-ids").path
        let loaded = ConfigLoader.load(path: path)
        #expect(loaded.config == nil)
        #expect(loaded.diagnostics.map(\.message) == ["duplicate course id '2026F-BIO'"])
    }

    @Test func aMissingPathIsAnErrorWithoutLocation() {
        let loaded = ConfigLoader.load(path: "/nonexistent/easel.yaml")
        #expect(loaded.diagnostics.map(\.message) == ["no config at '/nonexistent/easel.yaml'"])
    }
}
