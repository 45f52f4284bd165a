import Foundation

/// Paths of the fixtures beside the tests and of the repository's examples.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// How many invalid-config fixtures there are at least; a listing that finds fewer
    /// (a moved directory, a failed read) fails `ConfigDiagnosticsTests` instead of running
    /// no cases. Raise it when adding a fixture.
    static let knownInvalidCaseCount = 28

    /// What a listing of the invalid fixtures that failed is replaced by: a case that fails
    /// with the reason, so the parameterised test cannot pass by running zero cases.
    static let listingFailed = "<listing failed>"

    /// The invalid-config fixtures' names (`invalid/NAME.yaml`), or `[listingFailed: reason]`.
    static func invalidCases() -> [String] {
        switch listInvalidCases() {
        case .success(let names) where !names.isEmpty: return names
        case .success: return ["\(listingFailed): no .yaml file in \(directory.appendingPathComponent("invalid").path)"]
        case .failure(let error): return ["\(listingFailed): \(error)"]
        }
    }

    static func listInvalidCases() -> Result<[String], any Error> {
        Result {
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("invalid").path)
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        }
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relative)))
    }

    /// Set `EASEL_RECORD=1` to rewrite golden files from the current output; review the diff.
    static var recording: Bool { ProcessInfo.processInfo.environment["EASEL_RECORD"] == "1" }

    static func golden(_ relative: String, actual: String) throws -> String {
        let url = directory.appendingPathComponent(relative)
        if recording { try actual.write(to: url, atomically: true, encoding: .utf8) }
        return (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(relative)>"
    }
}
