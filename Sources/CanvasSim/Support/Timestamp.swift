import Foundation

/// A UTC instant with one-second resolution, written as Canvas writes it
/// (`2026-09-01T00:00:00Z`). Parsing accepts a date alone (midnight UTC), a time with or
/// without seconds and fraction, and `Z` or a `±HH:MM` / `±HHMM` offset.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    public init?(iso8601 text: String) {
        guard let s = Timestamp.parse(text) else { return nil }
        self.seconds = s
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    public var description: String { iso8601 }

    public var iso8601: String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secs = seconds - days * 86400
        let (y, m, d) = Timestamp.civil(fromDays: days)
        guard (0...9999).contains(y) else { return "\(y)-\(m)-\(d)T\(secs / 3600):\(secs % 3600 / 60):\(secs % 60)Z" }
        // Written byte by byte: this runs for every timestamp of every response.
        var b = [UInt8](repeating: 0, count: 20)
        func put(_ v: Int64, _ at: Int, _ width: Int) {
            var v = v
            for k in stride(from: at + width - 1, through: at, by: -1) {
                b[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(y, 0, 4); b[4] = 45; put(m, 5, 2); b[7] = 45; put(d, 8, 2); b[10] = 84
        put(secs / 3600, 11, 2); b[13] = 58; put(secs % 3600 / 60, 14, 2); b[16] = 58; put(secs % 60, 17, 2); b[19] = 90
        return String(decoding: b, as: UTF8.self)
    }

    public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let s = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 time: \(text)")
        }
        seconds = s
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso8601)
    }

    // MARK: parsing

    static func parse(_ raw: String) -> Int64? {
        let b = Array(raw.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += n
            return v
        }
        func eat(_ c: UInt8) -> Bool {
            if i < b.count && b[i] == c { i += 1; return true }
            return false
        }
        guard let y = digits(4), eat(45), let mo = digits(2), eat(45), let d = digits(2) else { return nil }
        guard (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var h: Int64 = 0, mi: Int64 = 0, s: Int64 = 0, offset: Int64 = 0
        if i < b.count && (b[i] == 84 || b[i] == 116 || b[i] == 32) {
            i += 1
            guard let hh = digits(2), eat(58), let mm = digits(2) else { return nil }
            h = hh; mi = mm
            if eat(58) {
                guard let ss = digits(2) else { return nil }
                s = ss
                if eat(46) || eat(44) { while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } }
            }
            guard h < 24 || (h == 24 && mi == 0 && s == 0), mi < 60, s < 61 else { return nil }
            if eat(90) || eat(122) {
            } else if i < b.count && (b[i] == 43 || b[i] == 45) {
                let sign: Int64 = b[i] == 45 ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = eat(58)
                let om = digits(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count else { return nil }
        return days(fromCivil: y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
    public static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The (year, month, day) of a day number: `days(fromCivil:)` undone.
    public static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
