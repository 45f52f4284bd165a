import BulkFiles
import CanvasSim
import Foundation
import Testing

/// Building SIS uploads and polling bulk jobs.
enum Bulk {
    /// A zip of CSV files, deflated (as real tools send) unless asked otherwise.
    static func zip(_ files: [(String, String)], method: ZipWriter.Method = .deflated) throws -> Data {
        var writer = ZipWriter()
        for (name, text) in files { try writer.add(name, Array(text.utf8), method: method) }
        return Data(writer.bytes())
    }

    /// A multipart/form-data body with text fields and, optionally, a file field.
    static func multipart(fields: [(String, String)] = [], file: (field: String, name: String, type: String, data: Data)?) -> (Data, String) {
        let boundary = "----easel-test-\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// Parses CSV text into rows of fields (RFC 4180, via the simulator's own parser).
    static func csv(_ data: Data) throws -> [[String]] {
        try CSV.parse(Array(data)).map(\.fields)
    }

    /// Rows as dictionaries keyed by header.
    static func table(_ data: Data) throws -> (headers: [String], rows: [[String: String]]) {
        let rows = try csv(data)
        guard let headers = rows.first else { return ([], []) }
        return (headers, rows.dropFirst().map { Dictionary(uniqueKeysWithValues: Swift.zip(headers, $0)) })
    }
}

extension SimClient {
    /// Uploads a zip as a multipart `attachment`.
    func sisImport(zip: Data, fields: [(String, String)] = [], account: String = "1") async throws -> HTTPResult {
        let (body, type) = Bulk.multipart(fields: fields, file: ("attachment", "sis.zip", "application/zip", zip))
        return try await send("POST", "/api/v1/accounts/\(account)/sis_imports", body: body, contentType: type)
    }

    /// Polls a SIS import until it reaches a terminal state; returns every state seen.
    func waitForImport(_ id: Int, timeout: Double = 20) async throws -> (last: [String: Any], seen: [(String, Int)]) {
        var seen: [(String, Int)] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let r = try await get("/api/v1/accounts/1/sis_imports/\(id)")
            let state = r.object.string("workflow_state") ?? "?"
            seen.append((state, r.object.int("progress") ?? -1))
            if ["imported", "imported_with_messages", "failed", "failed_with_messages", "aborted"].contains(state) {
                return (r.object, seen)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("import \(id) did not finish: \(seen.suffix(3))")
        return ([:], seen)
    }

    /// Starts a provisioning report and polls it until it is done.
    func runReport(_ parameters: [(String, String)], account: String = "1") async throws -> [String: Any] {
        let start = try await post("/api/v1/accounts/\(account)/reports/provisioning_csv", parameters.map { ("parameters[\($0.0)]", $0.1) })
        #expect(start.status == 200)
        #expect(start.object.string("status") == "created")
        guard let id = start.object.int("id") else { return [:] }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let r = try await get("/api/v1/accounts/\(account)/reports/provisioning_csv/\(id)")
            if ["complete", "error", "aborted"].contains(r.object.string("status") ?? "") { return r.object }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("report \(id) did not finish")
        return [:]
    }
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }

    /// `processing_warnings`/`processing_errors` as [file, message] pairs.
    func messages(_ key: String) -> [[String]] {
        (self[key] as? [[Any]] ?? []).map { $0.map { ($0 as? String) ?? "" } }
    }
}
