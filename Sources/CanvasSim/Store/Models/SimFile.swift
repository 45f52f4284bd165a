/// A file Canvas would keep as an attachment: a report's CSV or zip, a SIS import's error
/// CSV. Held in memory only (a restart or reset drops them).
struct SimFile: Sendable {
    var id: Int
    var uuid: String
    var displayName: String
    var contentType: String
    var data: [UInt8]
    var createdAt: Timestamp
}

extension StoreState {
    /// Stores `data` as a new file.
    mutating func addFile(name: String, contentType: String, data: [UInt8]) -> SimFile {
        let file = SimFile(id: nextId("attachment"), uuid: StoreState.uuid(), displayName: name, contentType: contentType, data: data, createdAt: now)
        files[file.id] = file
        return file
    }

    /// Canvas's File (attachment) JSON. `url` downloads with the same bearer token as the API.
    func fileJSON(_ f: SimFile, origin: String) -> JSON {
        .object([
            ("id", .int(f.id)),
            ("uuid", .string(f.uuid)),
            ("folder_id", .null),
            ("display_name", .string(f.displayName)),
            ("filename", .string(f.displayName)),
            ("upload_status", .string("success")),
            ("content-type", .string(f.contentType)),
            ("url", .string("\(origin)/files/\(f.id)/download?download_frd=1&verifier=\(f.uuid)")),
            ("size", .int(f.data.count)),
            ("created_at", .timestamp(f.createdAt)),
            ("updated_at", .timestamp(f.createdAt)),
            ("unlock_at", .null),
            ("locked", .bool(false)),
            ("hidden", .bool(false)),
            ("lock_at", .null),
            ("hidden_for_user", .bool(false)),
            ("thumbnail_url", .null),
            ("modified_at", .timestamp(f.createdAt)),
            ("mime_class", .string(f.contentType.contains("zip") ? "zip" : "file")),
            ("media_entry_id", .null),
            ("locked_for_user", .bool(false)),
        ])
    }
}
