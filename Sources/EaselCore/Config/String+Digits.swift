extension String {
    /// Non-empty and only ASCII digits: how a Canvas id is written.
    var isDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
