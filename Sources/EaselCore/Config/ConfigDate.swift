/// An ISO 8601 date (`2026-09-01`, read as midnight UTC) or timestamp with a zone
/// (`2026-09-01T08:00:00-05:00`), kept as the instant it names.
public struct ConfigDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// A bare date is rendered back as a bare date.
    public var isDateOnly: Bool

    public init(epochSeconds: Int64, isDateOnly: Bool = false) {
        self.epochSeconds = epochSeconds
        self.isDateOnly = isDateOnly && epochSeconds % 86_400 == 0
    }

    public static func < (a: ConfigDate, b: ConfigDate) -> Bool { a.epochSeconds < b.epochSeconds }

    public static func == (a: ConfigDate, b: ConfigDate) -> Bool { a.epochSeconds == b.epochSeconds }

    public func hash(into hasher: inout Hasher) { hasher.combine(epochSeconds) }

    /// Parses the forms the config allows; nil when `text` is not one of them.
    public init?(iso text: String) {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = b[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(45), let m = digits(2), expect(45), let d = digits(2),
            (1...12).contains(m), d >= 1, d <= ConfigDate.daysInMonth(y, m)
        else { return nil }
        let days = ConfigDate.daysFromCivil(y, m, d)
        if i == b.count {
            self.init(epochSeconds: Int64(days) * 86_400, isDateOnly: true)
            return
        }
        guard expect(84) || expect(116) || expect(32),  // T, t or a space
            let hh = digits(2), expect(58), let mm = digits(2), hh < 24, mm < 60
        else { return nil }
        var ss = 0
        if expect(58) {
            guard let s = digits(2), s < 61 else { return nil }
            ss = s
            if expect(46) || expect(44) {  // fractional seconds are accepted and dropped
                let startFraction = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                guard i > startFraction else { return nil }
            }
        }
        var offset = 0
        if expect(90) || expect(122) {  // Z
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), oh < 24 else { return nil }
            _ = expect(58)
            guard let om = digits(2), om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil  // a timestamp needs a zone: local time is ambiguous
        }
        guard i == b.count else { return nil }
        self.init(epochSeconds: Int64(days) * 86_400 + Int64(hh * 3600 + mm * 60 + ss - offset))
    }

    /// `2026-09-01` for a bare date, else `2026-09-01T08:00:00Z`.
    public var iso8601: String {
        let days = Int(floorDiv(epochSeconds, 86_400))
        let secs = Int(epochSeconds - Int64(days) * 86_400)
        let (y, m, d) = ConfigDate.civilFromDays(days)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        if isDateOnly { return date }
        return "\(date)T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }

    /// Always the full UTC timestamp, the form Canvas is sent.
    public var canvasTimestamp: String {
        ConfigDate(epochSeconds: epochSeconds).iso8601
    }

    public var description: String { iso8601 }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
