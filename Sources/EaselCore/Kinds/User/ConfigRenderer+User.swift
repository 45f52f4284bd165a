import EaselYAML

extension ConfigRenderer {
    static func users(_ users: [User]) -> YAMLValue {
        .list(users.map { user in
            map([
                ("id", user.id.map(YAMLValue.string)), ("name", .string(user.name)),
                ("login", user.login.map(YAMLValue.string)), ("email", user.email.map(YAMLValue.string)),
                ("sortable_name", user.sortableName.map(YAMLValue.string)),
                ("auth_provider", user.authProvider.map(YAMLValue.string)),
            ])
        })
    }
}
