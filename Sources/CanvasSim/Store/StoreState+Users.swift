/// User and login rules shared by the API and seeds.
extension StoreState {
    /// A live (non-deleted) login with this unique id under this provider, case-insensitively.
    func liveLogin(uniqueId: String, providerId: Int?, excluding: Int? = nil) -> Login? {
        (loginsByUniqueId[uniqueId.lowercased()] ?? []).compactMap { logins[$0] }.first {
            $0.workflowState != "deleted" && $0.authenticationProviderId == providerId && $0.id != excluding
        }
    }

    /// Users ordered by lower-cased sortable name then id; cached until a user changes name.
    mutating func usersBySortableName() -> [Int] {
        if let cached = sortedUserIds { return cached }
        let keyed = users.values.map { ($0.sortableName.lowercased(), $0.id) }.sorted { $0 < $1 }
        let ids = keyed.map(\.1)
        sortedUserIds = ids
        return ids
    }

    /// Sets the user's primary email, creating the channel if needed.
    mutating func setEmail(_ address: String, for userId: Int, active: Bool) {
        let chans = (channelsByUser[userId] ?? []).compactMap { channels[$0] }.filter { $0.type == "email" && $0.workflowState != "retired" }
        if let existing = chans.first(where: { $0.address.lowercased() == address.lowercased() }) {
            var c = existing
            c.position = 0
            if active { c.workflowState = "active" }
            put(c)
            return
        }
        put(CommunicationChannel(
            id: nextId("channel"), userId: userId, type: "email", address: address,
            workflowState: active ? "active" : "unconfirmed", position: chans.isEmpty ? 1 : 0, createdAt: now))
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        guard let at = s.firstIndex(of: "@"), at != s.startIndex else { return false }
        let domain = s[s.index(after: at)...]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !s.contains(" ")
    }
}
