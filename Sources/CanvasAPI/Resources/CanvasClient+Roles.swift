extension CanvasClient {
    /// Roles usable in `account`; `showInherited` adds custom roles of ancestor accounts.
    public func roles(account: CanvasRef, showInherited: Bool = true, states: [String] = []) async throws
        -> [CanvasRole]
    {
        var query = FormFields()
        query.add("show_inherited", showInherited)
        query.add("state[]", each: states)
        return try await list("/api/v1/accounts/\(segment(account))/roles", query: query)
    }

    /// Creates a custom role; a lost response is settled by finding an active role with
    /// this label defined on `account`. `permissions` maps a permission name to its flags
    /// (`enabled`, `locked`, `explicit`, …).
    public func createRole(
        account: CanvasRef, label: String, baseRoleType: String, permissions: [String: [String: Bool]] = [:]
    ) async throws -> CanvasRole {
        var form = FormFields()
        form.add("label", label)
        form.add("base_role_type", baseRoleType)
        for (permission, flags) in permissions.sorted(by: { $0.key < $1.key }) {
            for (flag, value) in flags.sorted(by: { $0.key < $1.key }) {
                form.add("permissions[\(permission)][\(flag)]", value)
            }
        }
        let readBack = ReadBack(settles: { $0.hasError(on: "label") }) { [self] in
            try await roles(account: account, showInherited: false).first {
                $0.label == label && $0.workflowState != "inactive"
            }
        }
        return try await write(
            .post, "/api/v1/accounts/\(segment(account))/roles", body: .form(form), readBack: readBack)
    }
}
