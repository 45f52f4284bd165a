/// How `YAMLWriter` spells a string: plain when that reads back as the same string, else double-quoted.
enum YAMLScalar {
    static func text(of string: String, inFlow: Bool) -> String {
        isPlainSafe(string, inFlow: inFlow) ? string : doubleQuoted(string)
    }

    /// Whether `string` can be written unquoted and still parse as that string.
    ///
    /// Errs towards quoting: YAML 1.1 booleans (`yes`, `off`) are quoted too, so other
    /// tools read the file the same way, and in flow lists anything with `:` is quoted.
    static func isPlainSafe(_ string: String, inFlow: Bool) -> Bool {
        guard CoreSchema.kind(of: string) == .string,
            string.utf8.count > 3 || !yaml11Words.contains(string.lowercased())
        else {
            return false
        }
        let scalars = string.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
            first != " ", last != " ", last != ":",
            !string.hasPrefix("---"), !string.hasPrefix("..."), string != "<<"
        else { return false }
        if alwaysIndicators.contains(first) { return false }
        if dashLike.contains(first) {
            let second = scalars.dropFirst().first
            if second == nil || second == " " || inFlow { return false }
        }
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            guard isPrintableInline(scalar) else { return false }
            if scalar == "#", previous == " " { return false }
            if previous == ":", scalar == " " { return false }
            if inFlow, flowIndicators.contains(scalar) { return false }
            previous = scalar
        }
        return true
    }

    /// A double-quoted scalar with YAML escapes for everything that is not printable on one line.
    static func doubleQuoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case "\u{85}": result += "\\N"
            case "\u{2028}": result += "\\L"
            case "\u{2029}": result += "\\P"
            case _ where isPrintableInline(scalar):
                result.unicodeScalars.append(scalar)
            case _ where scalar.value <= 0xFF:
                result += "\\x" + hex(scalar.value, digits: 2)
            default:
                result += "\\u" + hex(scalar.value, digits: 4)
            }
        }
        return result + "\""
    }

    /// Printable in YAML and not a line break, tab or byte order mark.
    private static func isPrintableInline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        case 0x10000...: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Characters that start something other than a plain scalar wherever they appear first.
    private static let alwaysIndicators: Set<Unicode.Scalar> = [
        ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]
    /// Indicators only when followed by a space (or at the end): `- x`, `? x`, `: x`.
    private static let dashLike: Set<Unicode.Scalar> = ["-", "?", ":"]
    private static let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}", ":"]
    private static let yaml11Words: Set<String> = ["yes", "no", "on", "off", "y", "n"]
}
