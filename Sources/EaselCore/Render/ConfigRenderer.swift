import EaselYAML

/// Writes a config back as YAML with `classes` expanded: what `easel render` prints.
/// The output loads to the same config and renders to itself.
public enum ConfigRenderer {
    public static func render(_ config: Config) -> String {
        YAMLWriter.write(value(config), header: [
            "Rendered by easel: the config with every classes block expanded.",
        ])
    }

    static func value(_ config: Config) -> YAMLValue {
        map(settings(config) + [
            ("terms", terms(config.terms)),
            ("users", users(config.users)),
            ("courses", .list(config.courses.map(course))),
        ])
    }

    /// `version`, `canvas`, `roles` (when any) and `policy`: what a config says once.
    static func settings(_ config: Config) -> [(String, YAMLValue?)] {
        let policy = config.policy
        return [
            ("version", .int(config.version)),
            ("canvas", map([
                ("url", config.canvas.url.map(YAMLValue.string)),
                ("account", accountValue(config.canvas.account)),
            ])),
            ("roles", config.roles.isEmpty ? nil : .list(config.roles.map { role in
                map([("name", .string(role.name)), ("base", .string(role.base.rawValue))])
            })),
            ("policy", map([
                ("withdraw", .string(policy.withdraw.rawValue)),
                ("managed_roles", .list(policy.managedRoles.map(YAMLValue.string))),
                ("prune_courses", .bool(policy.pruneCourses)),
                ("max_withdraw", maxWithdraw(policy.maxWithdraw)),
                ("user_key", .string(policy.userKey.rawValue)),
                ("notify", .bool(policy.notify)),
            ])),
        ]
    }




    static func map(_ fields: [(String, YAMLValue?)]) -> YAMLValue {
        .map(fields.compactMap { key, value in value.map { YAMLValue.Entry(key, $0) } })
    }

    static func date(_ date: ConfigDate?) -> YAMLValue? {
        date.map { .string($0.iso8601) }
    }

    static func accountValue(_ account: String) -> YAMLValue {
        Int(account).map(YAMLValue.int) ?? .string(account)
    }

    private static func maxWithdraw(_ m: Policy.MaxWithdraw) -> YAMLValue {
        switch m {
        case .count(let n): .int(n)
        case .percent: .string(m.text)
        }
    }
}
