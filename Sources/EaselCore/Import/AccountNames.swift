/// How a course's account is written: nothing for the root, `sis_account_id:X` when the
/// sub-account has a SIS id, else its Canvas id.
struct AccountNames {
    let root: String
    let sisById: [String: String]

    init(_ live: LiveState) {
        root = live.account.canvasId
        sisById = Dictionary(live.subAccounts.compactMap { a in a.sisId.map { (a.canvasId, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func value(_ canvasId: String?) -> String? {
        guard let canvasId, canvasId != root else { return nil }
        return sisById[canvasId].map { "sis_account_id:\($0)" } ?? canvasId
    }

    /// The name of a split file's group: `root`, the SIS id, or `account-N`.
    func group(_ canvasId: String?) -> String {
        guard let canvasId, canvasId != root else { return "root" }
        return sisById[canvasId] ?? "account-\(canvasId)"
    }
}
