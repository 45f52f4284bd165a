import EaselCore
import EaselYAML
import Testing

/// One invalid config per kind of error, each with its exact rendered diagnostics beside it.
@Suite struct ConfigDiagnosticsTests {
    @Test func theFixturesAreThere() {
        #expect(Fixtures.invalidCases().count >= 30)
    }

    @Test(arguments: Fixtures.invalidCases())
    func invalidConfigIsReportedExactly(_ name: String) throws {
        try #require(!name.hasPrefix(Fixtures.listingFailed), "\(name)")
        let file = "\(name).yaml"
        // Bytes, not text: some fixtures are not UTF-8 on purpose.
        let loaded = ConfigLoader.load(contents: [(file, try Fixtures.bytes("invalid/\(file)"))])
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

    /// An empty fragment beside the file with the version is fine; with no version anywhere,
    /// the error points at the first file and says every file was empty.
    @Test func anEmptyFragmentNeedsTheVersionElsewhere() {
        let fine = ConfigLoader.load(texts: [
            ("00-empty.yaml", ""), ("10-school.yaml", "version: 1\nterms:\n  - {id: T1, name: Fall}\n"),
            ("20-later.yaml", "# courses go here\n"),
        ])
        #expect(fine.diagnostics.isEmpty)
        #expect(fine.config?.terms.map(\.id) == ["T1"])

        let empty = ConfigLoader.load(texts: [("a.yaml", ""), ("b.yaml", "# nothing yet\n")])
        #expect(empty.config == nil)
        #expect(empty.diagnostics.map(\.message) == ["the config does not say 'version: 1'"])
        #expect(empty.diagnostics.first?.range?.file == "a.yaml")
        #expect(empty.diagnostics.first?.notes.map(\.message) == ["every file is empty or holds only comments"])
    }

    /// Every file that is not UTF-8 is reported, each at its first bad byte.
    @Test func encodingErrorsAreLocatedInEveryFile() throws {
        let loaded = ConfigLoader.load(contents: [
            ("a.yaml", Array("version: 1\r\nterms:\n  - {id: \"Zoë\", name: x".utf8) + [0xC3, 0x28]),
            ("b.yaml", Array("terms: []\n".utf8)),
            ("c.yaml", [0xEF, 0xBB, 0xBF] + Array("x: é".utf8) + [0x80]),
        ])
        #expect(loaded.config == nil)
        #expect(loaded.diagnostics.map { "\($0.range!.file):\($0.range!.start.line):\($0.range!.start.column)" }
            == ["a.yaml:3:24", "c.yaml:1:5"])
        #expect(loaded.diagnostics.first?.message == "not UTF-8 text: invalid byte 0xC3 (save the file as UTF-8)")
    }

    @Test func aMissingPathIsAnErrorWithoutLocation() {
        let loaded = ConfigLoader.load(path: "/nonexistent/easel.yaml")
        #expect(loaded.diagnostics.map(\.message) == ["no config at '/nonexistent/easel.yaml'"])
    }
}
