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

    static func terms(_ terms: [Term]) -> YAMLValue {
        .list(terms.map { term in
            map([
                ("id", .string(term.id)), ("name", .string(term.name)),
                ("start", date(term.start)), ("end", date(term.end)),
            ])
        })
    }

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

    static func course(_ course: Course) -> YAMLValue {
        var fields: [(String, YAMLValue?)] = [
            ("id", .string(course.id)), ("name", .string(course.name)), ("code", .string(course.code)),
            ("term", course.term.map { .string($0.id) }),
            ("account", course.account.map(accountValue)),
            ("published", course.published.map(YAMLValue.bool)),
            ("start", date(course.start)), ("end", date(course.end)),
            ("canvas_id", course.canvasId.map { id in Int(id).map(YAMLValue.int) ?? .string(id) }),
            ("protect", course.protect ? .bool(true) : nil),
        ]
        if !course.sections.isEmpty {
            fields.append(("sections", .list(course.sections.map { section in
                map([
                    ("id", .string(section.id)), ("name", .string(section.name)),
                    ("start", date(section.start)), ("end", date(section.end)),
                ])
            })))
        }
        let short = course.enrollments.filter(\.isShortForm)
        for role in BaseRole.allCases {
            let users = short.filter { $0.role == role.rawValue }.map { YAMLValue.string($0.user.id) }
            if !users.isEmpty { fields.append((role.listKey, .list(users))) }
        }
        let long = course.enrollments.filter { !$0.isShortForm }
        if !long.isEmpty {
            fields.append(("enrollments", .list(long.map { e in
                map([
                    ("user", .string(e.user.id)), ("role", .string(e.role)),
                    ("section", e.section.map { .string($0.id) }),
                    ("state", e.state == .active ? nil : .string(e.state.rawValue)),
                    ("observing", e.observing.map { .string($0.id) }),
                ])
            })))
        }
        return map(fields)
    }

    static func map(_ fields: [(String, YAMLValue?)]) -> YAMLValue {
        .map(fields.compactMap { key, value in value.map { YAMLValue.Entry(key, $0) } })
    }

    private static func date(_ date: ConfigDate?) -> YAMLValue? {
        date.map { .string($0.iso8601) }
    }

    private static func accountValue(_ account: String) -> YAMLValue {
        Int(account).map(YAMLValue.int) ?? .string(account)
    }

    private static func maxWithdraw(_ m: Policy.MaxWithdraw) -> YAMLValue {
        switch m {
        case .count(let n): .int(n)
        case .percent: .string(m.text)
        }
    }
}
