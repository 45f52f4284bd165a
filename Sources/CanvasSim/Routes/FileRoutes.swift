/// Files the simulator produced (report output, SIS import error CSVs): their JSON and their
/// bytes. Downloads need the same bearer token as the API (Canvas's `verifier` is ignored).
enum FileRoutes {
    static func download(_ req: APIRequest, _ s: StoreState) throws -> APIResponse {
        guard case .id(let id) = req.ref("id"), let file = s.files[id] else { throw APIError.notFound }
        return APIResponse(raw: .init(contentType: file.contentType, bytes: file.data, filename: file.displayName))
    }

    static func register(_ t: inout RouteTable) {
        t.add("GET", "/files/:id/download") { req, s in try download(req, s) }
        t.add("GET", "/accounts/:account_id/files/:id/download") { req, s in
            guard s.account(req.ref("account_id")) != nil else { throw APIError.notFound }
            return try download(req, s)
        }
        t.add("GET", "/api/v1/files/:id") { req, s in
            guard case .id(let id) = req.ref("id"), let file = s.files[id] else { throw APIError.notFound }
            return .json(s.fileJSON(file, origin: req.origin))
        }
    }
}
