/// An account report run (Canvas's `AccountReport`). Memory only: a restart or reset drops it.
struct AccountReport: Sendable {
    var id: Int
    var accountId: Int
    var report: String
    /// `created` → `running` → `compiling` → `complete`; or `error`, `aborted`, `deleted`.
    var status: String
    var progress: Int
    var currentLine: Int?
    /// The `parameters[…]` as sent (strings), plus `extra_text`, in the order sent.
    var parameters: [(String, JSON)]
    var message: String?
    var fileId: Int?
    var createdAt: Timestamp
    var startedAt: Timestamp?
    var endedAt: Timestamp?
}

extension StoreState {
    func reportJSON(_ r: AccountReport, origin: String) -> JSON {
        let file = r.fileId.flatMap { files[$0] }
        var m: [(String, JSON)] = [
            ("id", .int(r.id)),
            ("report", .string(r.report)),
            ("file_url", file.map { .string("\(origin)/accounts/\(r.accountId)/files/\($0.id)/download") } ?? .null),
        ]
        if let file { m.append(("attachment", fileJSON(file, origin: origin))) }
        m += [
            ("status", .string(r.status)),
            ("created_at", .timestamp(r.createdAt)),
            ("started_at", .timestamp(r.startedAt)),
            ("ended_at", .timestamp(r.endedAt)),
            ("parameters", .object(r.parameters)),
            ("progress", .int(r.progress)),
            ("current_line", .int(r.currentLine)),
        ]
        if let message = r.message { m.append(("message", .string(message))) }
        return .object(m)
    }
}
