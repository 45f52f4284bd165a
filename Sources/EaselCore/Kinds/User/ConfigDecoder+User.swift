import EaselYAML

extension ConfigDecoder {
    func user(_ node: YAMLNode) -> User? {
        guard let f = reader.mapping(node, "user", keys: Self.userKeys) else { return nil }
        let id = f["id"].flatMap { reader.identifier($0, "id") }
        let name = f.required("name", reader).flatMap { reader.string($0, "name") }
        let login = f["login"].flatMap { reader.identifier($0, "login") }
        // Kept even without id and login, so the validator reports what is missing.
        return User(
            id: id, name: name ?? "", login: login,
            email: f["email"].flatMap { reader.string($0, "email") },
            sortableName: f["sortable_name"].flatMap { reader.string($0, "sortable_name") },
            authProvider: f["auth_provider"].flatMap { reader.string($0, "auth_provider") },
            range: (f["id"] ?? f["login"] ?? node).range)
    }
}
