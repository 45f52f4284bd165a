import BulkFiles
import Foundation
import Testing

/// Every input the fuzzers (scripts/fuzz) crashed on, kept in `Fuzz/regressions/`, fed to the
/// real readers: each one is read or refused with the reader's own error, and a CSV that
/// reads comes back the same after `CSV.line` writes it.
@Suite struct FuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: regressions.appendingPathComponent(target).path)) ?? []
        return names.sorted()
    }

    static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: regressions.appendingPathComponent(target).appendingPathComponent(name)))
    }

    @Test func theRegressionsAreThere() {
        #expect(Self.inputs("csv").count >= 3)
    }

    @Test(arguments: inputs("csv"))
    func aCSVReadsOrFailsCleanlyAndSurvivesWriting(_ name: String) throws {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(try Self.bytes("csv", name))
        } catch is CSV.Failure {
            return
        }
        _ = CSVTable(records: records)
        let written = records.map { CSV.line($0.fields) }.joined()
        let again = try CSV.parse(Array(written.utf8))
        #expect(again.map(\.fields) == records.map(\.fields))
    }

    /// The fields behind the CSV regressions, written and read back one by one.
    @Test(arguments: [
        ("a CRLF inside a field", ["ab", "\r\n"]),
        ("a quote before a combining mark", ["\"\u{073D}x", "y"]),
        ("a byte order mark leading the first field", ["\u{FEFF}canvas_user_id", "status"]),
    ])
    func writtenFieldsReadBack(_ name: String, fields: [String]) throws {
        let written = CSV.line(fields)
        #expect(try CSV.parse(Array(written.utf8)).map(\.fields) == [fields])
    }
}
