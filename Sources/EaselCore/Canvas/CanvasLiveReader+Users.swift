import CanvasAPI

extension CanvasLiveReader {
    /// The users the config names, by SIS id or by login.
    ///
    /// Few users: one `GET /users/sis_user_id:X` (or `sis_login_id:X`) each, 404 meaning
    /// absent. More than `userListingThreshold`: the root account's user listing, 100 a page,
    /// filtered here and left as soon as every user is found. Users that live enrollments
    /// reference but the config does not name are not read: the planner keys them `canvas:ID`.
    /// Login ids (for a login change) are left to the runner, which reads them when needed.
    func readUsers(_ scope: PlanScope, root: CanvasRef, _ tracker: ReadTracker) async throws -> [LiveUser] {
        var seen = Set<String>()
        let keys = scope.userKeys.filter { seen.insert(fold($0, scope.userKey)).inserted }
        guard !keys.isEmpty else { return [] }
        if keys.count > userListingThreshold {
            return try await listUsers(keys, userKey: scope.userKey, root: root, tracker)
        }
        let kind: SISKind = scope.userKey == .login ? .login : .user
        return try await keys.concurrentMap(width: width) { [client] key -> LiveUser? in
            do {
                let user = try await client.user(.sis(kind, key))
                tracker.read(1)
                return LiveUser(user, foundBy: key, userKey: scope.userKey)
            } catch let error as CanvasError where error.kind == .notFound {
                // A deleted login answers 404 too; the runner's create revives it
                // (enable_sis_reactivation), so absent and deleted plan the same create.
                return nil
            }
        }.compactMap { $0 }
    }

    private func listUsers(_ keys: [String], userKey: Policy.UserKey, root: CanvasRef, _ tracker: ReadTracker)
        async throws -> [LiveUser]
    {
        let wanted = Dictionary(keys.map { (fold($0, userKey), $0) }, uniquingKeysWith: { a, _ in a })
        var found: [String: LiveUser] = [:]
        for try await page in client.userPages(account: root, include: ["email"]) {
            tracker.read(page.count)
            for user in page {
                let candidate = userKey == .login ? user.loginId : user.sisUserId
                guard let candidate, let key = wanted[fold(candidate, userKey)], found[key] == nil else { continue }
                found[key] = LiveUser(user, foundBy: key, userKey: userKey)
            }
            if found.count == wanted.count { break }
        }
        return keys.compactMap { found[$0] }
    }

    /// Logins compare case-insensitively, as Canvas looks them up; SIS ids exactly.
    private func fold(_ key: String, _ userKey: Policy.UserKey) -> String {
        userKey == .login ? key.lowercased() : key
    }
}
