import BulkFiles

/// The CSV files of one SIS import, and which plan operation each row carries out.
public struct SISUpload: Sendable, Equatable {
    /// One CSV file: its name inside the zip, its header and its rows.
    public struct File: Sendable, Equatable {
        public var name: String
        public var header: [String]
        public var rows: [[String?]] = []
        /// The plan address behind each row, parallel to `rows`.
        public var addresses: [String] = []

        /// The file as Canvas reads it, and the CSV line each row starts on (1 = the header).
        public func text() -> (text: String, lines: [Int]) {
            var text = CSV.line(header)
            var line = 2
            var lines: [Int] = []
            for row in rows {
                lines.append(line)
                let written = CSV.line(row)
                line += written.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                text += written
            }
            return (text, lines)
        }
    }

    /// In Canvas's processing order: terms, courses, sections, users, enrollments.
    public var files: [File] = []

    public var isEmpty: Bool { files.allSatisfy { $0.rows.isEmpty } }

    public var rowCount: Int { files.reduce(0) { $0 + $1.rows.count } }

    /// The plan address of the row Canvas reports a problem with, by file name and line.
    public func address(file: String?, line: Int?) -> String? {
        guard let file, let line else { return nil }
        return addressIndex()[file]?[line]
    }

    /// Plan addresses by file name and the CSV line their row starts on: built once to map
    /// every message of an import (thousands, on a bad day) back to its operation.
    public func addressIndex() -> [String: [Int: String]] {
        Dictionary(
            files.map { f in (f.name, Dictionary(Swift.zip(f.text().lines, f.addresses), uniquingKeysWith: { a, _ in a })) },
            uniquingKeysWith: { a, _ in a })
    }

    /// The files that have rows, zipped (deflated: CSVs shrink tenfold).
    public func zip() throws -> [UInt8] {
        var writer = ZipWriter()
        for file in files where !file.rows.isEmpty {
            try writer.add(file.name, Array(file.text().text.utf8), method: .deflated)
        }
        return writer.bytes()
    }
}
