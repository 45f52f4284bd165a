/// How the YAML 1.2 core schema resolves the text of an untagged plain scalar.
///
/// Only `true`/`false` are booleans; YAML 1.1's `yes`, `no`, `on`, `off` stay strings.
enum CoreSchema {
    static func kind(of text: String) -> YAMLNode.ScalarKind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        var bytes = Substring(text).utf8
        guard let first = bytes.first, first.isDigit || first == .plus || first == .minus || first == .dot else {
            return .string
        }
        if isInteger(bytes) { return .int }
        if bytes.first == .plus || bytes.first == .minus { bytes = bytes.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(where: { bytes.elementsEqual($0.utf8) }) { return .float }
        return isFloat(bytes) ? .float : .string
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
    static func isInteger(_ text: Substring.UTF8View) -> Bool {
        if text.starts(with: "0o".utf8) {
            return text.count > 2 && text.dropFirst(2).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
        }
        if text.starts(with: "0x".utf8) {
            return text.count > 2 && text.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        var digits = text
        if digits.first == .plus || digits.first == .minus { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(\.isDigit)
    }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the sign already removed.
    private static func isFloat(_ text: Substring.UTF8View) -> Bool {
        var rest = text
        let whole = rest.prefix(while: \.isDigit).count
        rest = rest.dropFirst(whole)
        var fraction = 0
        if rest.first == .dot {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: \.isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard whole > 0 || fraction > 0 else { return false }
        if let e = rest.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == .plus || rest.first == .minus { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: \.isDigit).count
            guard exponent > 0 else { return false }
            rest = rest.dropFirst(exponent)
        }
        return rest.isEmpty
    }
}

extension UInt8 {
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")

    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    fileprivate var isHexDigit: Bool {
        isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }
}
