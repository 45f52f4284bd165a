import Foundation

/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields optionally quoted
/// with `"` (a quote inside doubled). A UTF-8 byte-order mark is dropped.
public enum CSV {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidUTF8
        /// A quote inside an unquoted field, text after a closing quote, or an unclosed quote.
        case malformed(line: Int)

        public var description: String {
            switch self {
            case .invalidUTF8: return "Invalid UTF-8"
            case .malformed(let line): return "Malformed CSV (line \(line))"
            }
        }
    }

    /// One record and the line it started on (1-based, counting the header).
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ bytes: [UInt8]) throws -> [Record] {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard String(validating: data, as: UTF8.self) != nil else { throw Failure.invalidUTF8 }

        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = data.startIndex
        let end = data.endIndex
        var quoted = false        // inside quotes
        var wasQuoted = false     // the current field was quoted (and is now closed)
        var atFieldStart = true

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            atFieldStart = true
        }
        func endRecord() {
            endField()
            // A blank line yields one empty field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < end {
            let c = data[i]
            if quoted {
                if c == 0x22 {
                    let next = data.index(after: i)
                    if next < end && data[next] == 0x22 {
                        field.append(0x22)
                        i = data.index(after: next)
                        continue
                    }
                    quoted = false
                    wasQuoted = true
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                i = data.index(after: i)
                continue
            }
            switch c {
            case 0x2C:
                endField()
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            case 0x0D:
                let next = data.index(after: i)
                if next < end && data[next] == 0x0A { i = next }
                endRecord()
                line += 1
                recordLine = line
            case 0x22:
                guard atFieldStart else { throw Failure.malformed(line: line) }
                quoted = true
                atFieldStart = false
            default:
                if wasQuoted { throw Failure.malformed(line: line) }
                field.append(c)
                atFieldStart = false
            }
            i = data.index(after: i)
        }
        if quoted { throw Failure.malformed(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }

    /// One CSV line ending in LF (as Ruby's CSV writes it), quoting the fields that need it.
    public static func line(_ fields: [String?]) -> String {
        fields.map { value in
            guard let value else { return "" }
            // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            // A leading byte order mark is quoted too, or a reader drops it from a file's first field.
            if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                || value.unicodeScalars.first == "\u{FEFF}"
            {
                // Scalars, not Characters: a quote followed by a combining mark is one Character
                // that a Character-wise replacement would leave undoubled.
                var quoted = String.UnicodeScalarView()
                quoted.append("\"")
                for scalar in value.unicodeScalars {
                    quoted.append(scalar)
                    if scalar == "\"" { quoted.append("\"") }
                }
                quoted.append("\"")
                return String(quoted)
            }
            return value
        }.joined(separator: ",") + "\n"
    }
}

/// A parsed CSV file with a header row: rows read by lower-cased, trimmed column name.
public struct CSVTable: Sendable {
    public var headers: [String]
    public var rows: [CSV.Record]
    private var index: [String: Int] = [:]

    public init(records: [CSV.Record]) {
        headers = (records.first?.fields ?? []).map { $0.trimmingCSVWhitespace().lowercased() }
        rows = Array(records.dropFirst())
        for (i, h) in headers.enumerated() where index[h] == nil { index[h] = i }
    }

    public func has(_ column: String) -> Bool { index[column] != nil }

    /// The trimmed value, nil when the column is missing or the value blank.
    public func value(_ row: CSV.Record, _ column: String) -> String? {
        guard let i = index[column], i < row.fields.count else { return nil }
        let v = row.fields[i].trimmingCSVWhitespace()
        return v.isEmpty ? nil : v
    }
}

extension String {
    /// Trimmed of spaces, tabs and line ends, as Canvas strips CSV values.
    func trimmingCSVWhitespace() -> String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
