import EaselYAML

/// Checks the merged, expanded config as a whole: unique ids, references that
/// resolve, roles that exist, enrollments that make sense.
struct ConfigValidator {
    let reader: NodeReader

    func validate(_ config: Config, managedRoleRanges: [SourceRange]) {
        let terms = unique(config.terms, "term", id: \.id, range: \.range)
        let userKey = config.policy.userKey
        for user in config.users {
            if userKey == .sisId, user.id == nil {
                reader.error("user '\(user.login ?? user.name)' is missing required key 'id' (policy.user_key is sis_id)", at: user.range)
            }
            if user.login == nil {
                reader.error("user '\(user.id ?? user.name)' is missing required key 'login'", at: user.range)
            }
        }
        // Logins compare without case, as Canvas compares them.
        let users = unique(
            config.users.filter { $0.key(userKey) != nil }, "user",
            id: { userKey == .login ? $0.key(userKey)!.lowercased() : $0.key(userKey)! }, range: \.range)
        if userKey == .sisId {
            _ = unique(config.users.filter { $0.login != nil }, "login", id: { $0.login!.lowercased() }, range: \.range)
        }
        _ = unique(config.courses, "course", id: \.id, range: \.range, origin: \.generatedFrom)
        _ = unique(config.courses.filter { $0.canvasId != nil }, "canvas_id", id: { $0.canvasId! }, range: \.range)
        _ = unique(config.courses.flatMap(\.sections), "section", id: \.id, range: \.range)
        _ = unique(config.roles, "role", id: \.name, range: \.range)

        let roleNames = Set(BaseRole.allCases.map(\.rawValue) + config.roles.map(\.name))
        let baseOf = Dictionary(config.roles.map { ($0.name, $0.base) }, uniquingKeysWith: { a, _ in a })
        for (i, role) in config.policy.managedRoles.enumerated() where !roleNames.contains(role) {
            reader.error(unknownRole(role, roleNames), at: i < managedRoleRanges.count ? managedRoleRanges[i] : nil)
        }

        for course in config.courses {
            if let term = course.term, terms[term.id] == nil {
                reader.error("unknown term '\(term.id)' for course '\(course.id)'\(Suggestion.hint(for: term.id, in: terms.keys))", at: term.range)
            }
            let sections = Set(course.sections.map(\.id))
            var seen: [String: SourceRange] = [:]
            for e in course.enrollments {
                if users[userKey == .login ? e.user.id.lowercased() : e.user.id] == nil {
                    reader.error("unknown user '\(e.user.id)' in course '\(course.id)'\(Suggestion.hint(for: e.user.id, in: users.keys))", at: e.user.range)
                }
                if !roleNames.contains(e.role) {
                    reader.error(unknownRole(e.role, roleNames), at: e.roleRange ?? e.range)
                }
                if let section = e.section, !sections.contains(section.id) {
                    reader.error("unknown section '\(section.id)' in course '\(course.id)'\(Suggestion.hint(for: section.id, in: sections))", at: section.range)
                }
                let base = BaseRole(rawValue: e.role) ?? baseOf[e.role]
                if let observing = e.observing {
                    if base != .observer {
                        reader.error("'observing' applies to observers only, not role '\(e.role)'", at: observing.range)
                    } else if users[userKey == .login ? observing.id.lowercased() : observing.id] == nil {
                        reader.error("unknown user '\(observing.id)' to observe\(Suggestion.hint(for: observing.id, in: users.keys))", at: observing.range)
                    }
                }
                let key = [e.user.id, e.role, e.section?.id ?? "", e.observing?.id ?? ""].joined(separator: "\u{0}")
                if let first = seen[key] {
                    reader.error(
                        "duplicate enrollment of '\(e.user.id)' as \(e.role) in course '\(course.id)'\(e.section.map { " section '\($0.id)'" } ?? "")",
                        at: e.range, notes: [.init("first defined here", at: first)])
                } else {
                    seen[key] = e.range
                }
            }
        }
    }

    private func unknownRole(_ role: String, _ known: Set<String>) -> String {
        "unknown role '\(role)' (not a base role and not declared under 'roles')\(Suggestion.hint(for: role, in: known))"
    }

    /// Indexes `items` by id and reports each second definition with the first one's place.
    private func unique<T>(
        _ items: [T], _ what: String, id: (T) -> String, range: (T) -> SourceRange, origin: (T) -> String? = { _ in nil }
    ) -> [String: SourceRange] {
        var firstSeen: [String: (SourceRange, String?)] = [:]
        firstSeen.reserveCapacity(items.count)
        for item in items {
            let key = id(item)
            if let (first, firstOrigin) = firstSeen[key] {
                let from = origin(item).map { " (generated for \($0))" } ?? ""
                reader.error(
                    "duplicate \(what) id '\(key)'\(from)", at: range(item),
                    notes: [.init("first defined here\(firstOrigin.map { " (generated for \($0))" } ?? "")", at: first)])
            } else {
                firstSeen[key] = (range(item), origin(item))
            }
        }
        return firstSeen.mapValues(\.0)
    }
}
