import EaselYAML

/// Turns one file's YAML tree into a `ConfigFragment`, reporting every problem it meets.
struct ConfigDecoder {
    let reader: NodeReader

    static let topKeys = ["version", "canvas", "roles", "policy", "terms", "users", "courses", "classes"]
    static let canvasKeys = ["url", "account"]
    static let roleKeys = ["name", "base"]
    static let policyKeys = ["withdraw", "managed_roles", "prune_courses", "max_withdraw", "user_key", "notify"]
    static let termKeys = ["id", "name", "start", "end"]
    static let userKeys = ["id", "name", "login", "email", "sortable_name", "auth_provider"]
    static let roleListKeys = BaseRole.allCases.map(\.listKey)
    static let courseKeys =
        ["id", "name", "code", "term", "account", "published", "start", "end", "canvas_id", "protect", "sections"]
        + roleListKeys + ["enrollments"]
    static let sectionKeys = ["id", "name", "start", "end"]
    static let enrollmentKeys = ["user", "role", "section", "state", "observing"]
    static let classesKeys = [
        "layout", "term", "course_id", "course_name", "course_code", "term_id", "term_name",
        "start", "end", "account", "published", "subjects", "list",
    ]
    static let subjectKeys = ["id", "name"]
    static let classKeys = ["id", "name", "start", "end", "subjects"] + roleListKeys

    func decode(_ root: YAMLNode) -> ConfigFragment {
        var fragment = ConfigFragment()
        guard let top = reader.mapping(root, "the config", keys: Self.topKeys) else { return fragment }
        if let node = top["version"], let v = reader.int(node, "version") {
            if v != 1 { reader.error("unsupported config version \(v) (this easel reads version 1)", at: node.range) }
            fragment.version = (v, node.range)
        }
        if let node = top["canvas"] { fragment.canvas = canvas(node).map { ($0, node.range) } }
        if let node = top["policy"] {
            if let (policy, ranges) = policy(node) {
                fragment.policy = (policy, node.range)
                fragment.managedRoleRanges = ranges
            }
        }
        if let node = top["roles"] { fragment.roles = items(node, "roles", customRole) }
        if let node = top["terms"] { fragment.terms = items(node, "terms", term) }
        if let node = top["users"] { fragment.users = items(node, "users", user) }
        if let node = top["courses"] { fragment.courses = items(node, "courses", course) }
        if let node = top["classes"] {
            // One block, or a list of blocks (one timetable per term, say).
            if node.sequenceItems != nil {
                fragment.classes = items(node, "classes", classes)
            } else if let block = classes(node) {
                fragment.classes = [block]
            }
        }
        return fragment
    }

    func items<T>(_ node: YAMLNode, _ what: String, _ decode: (YAMLNode) -> T?) -> [T] {
        (reader.list(node, what) ?? []).compactMap(decode)
    }

    func canvas(_ node: YAMLNode) -> CanvasSettings? {
        guard let f = reader.mapping(node, "canvas", keys: Self.canvasKeys) else { return nil }
        var settings = CanvasSettings()
        if let n = f["url"], let url = reader.string(n, "url") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                settings.url = url
                settings.urlRange = n.range
            } else {
                reader.error("invalid url '\(url)' for 'canvas.url' (expected https://…)", at: n.range)
            }
        }
        if let n = f["account"], let account = accountRef(n, "account") { settings.account = account }
        return settings
    }

    /// A numeric Canvas account id or `sis_account_id:X`.
    func accountRef(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        if text.isDigits { return text }
        if text.hasPrefix("sis_account_id:"), text.count > "sis_account_id:".count { return text }
        reader.error("invalid account '\(text)' (expected a Canvas account id like 1 or sis_account_id:X)", at: node.range)
        return nil
    }

    func customRole(_ node: YAMLNode) -> CustomRole? {
        guard let f = reader.mapping(node, "role", keys: Self.roleKeys) else { return nil }
        let name = f.required("name", reader).flatMap { reader.identifier($0, "name") }
        let base = f.required("base", reader).flatMap { reader.choice($0, "base", as: BaseRole.self) }
        guard let name, let base else { return nil }
        if BaseRole(rawValue: name) != nil {
            reader.error("custom role '\(name)' has the name of a base role", at: f["name"]?.range)
            return nil
        }
        return CustomRole(name: name, base: base, range: node.range)
    }

    func policy(_ node: YAMLNode) -> (Policy, [SourceRange])? {
        guard let f = reader.mapping(node, "policy", keys: Self.policyKeys) else { return nil }
        var policy = Policy()
        var ranges: [SourceRange] = []
        if let n = f["withdraw"], let v = reader.choice(n, "withdraw", as: Policy.Withdraw.self) { policy.withdraw = v }
        if let n = f["managed_roles"] {
            let refs = reader.refs(n, "managed_roles")
            policy.managedRoles = refs.map(\.id)
            ranges = refs.map(\.range)
        }
        if let n = f["prune_courses"], let v = reader.bool(n, "prune_courses") { policy.pruneCourses = v }
        if let n = f["max_withdraw"], let v = maxWithdraw(n) { policy.maxWithdraw = v }
        if let n = f["user_key"], let v = reader.choice(n, "user_key", as: Policy.UserKey.self) { policy.userKey = v }
        if let n = f["notify"], let v = reader.bool(n, "notify") { policy.notify = v }
        return (policy, ranges)
    }

    func maxWithdraw(_ node: YAMLNode) -> Policy.MaxWithdraw? {
        if let count = node.intValue, count >= 0 { return .count(count) }
        if let text = node.scalarText, text.hasSuffix("%"), let p = Double(text.dropLast()), p >= 0, p <= 100 {
            return .percent(p)
        }
        reader.error("invalid max_withdraw '\(node.scalarText ?? node.kindName)' (expected a percentage like 10% or a count like 200)", at: node.range)
        return nil
    }


    /// The shape terms and sections share: a required id and name, optional ordered dates.
    func datedObject(_ node: YAMLNode, _ what: String, keys: [String])
        -> (id: String, name: String, start: ConfigDate?, end: ConfigDate?, range: SourceRange)?
    {
        guard let f = reader.mapping(node, what, keys: keys) else { return nil }
        let id = f.required("id", reader).flatMap { reader.identifier($0, "id") }
        let name = f.required("name", reader).flatMap { reader.string($0, "name") }
        let start = f["start"].flatMap { reader.date($0, "start") }
        let end = f["end"].flatMap { reader.date($0, "end") }
        guard let id else { return nil }
        checkOrder(start, end, f)
        // A missing name is reported above; the object stays so references to it do not cascade.
        return (id, name ?? "", start, end, f["id"]!.range)
    }



    /// The short role lists of a course or class (`teachers: [T1]`).
    func roleLists(_ f: Fields) -> ClassesBlock.RoleLists {
        BaseRole.allCases.compactMap { role in
            f[role.listKey].map { (role, reader.refs($0, role.listKey)) }
        }
    }



    func classes(_ node: YAMLNode) -> ClassesBlock? {
        guard let f = reader.mapping(node, "classes", keys: Self.classesKeys) else { return nil }
        func template(_ key: String, _ fallback: String, _ allowed: [String] = Template.placeholders) -> Template {
            if let n = f[key], let text = reader.string(n, key) {
                return Template(text, range: n.range, reader: reader, allowed: allowed)
            }
            return Template(fallback, range: f.node.range, reader: nil)
        }
        var block = ClassesBlock(
            courseId: template("course_id", "{term}-{class}-{subject}"),
            courseName: template("course_name", "{class.name} · {subject.name}"),
            courseCode: template("course_code", "{class}-{subject}"),
            termId: template("term_id", "{class}", Template.classPlaceholders),
            termName: template("term_name", "{class.name}", Template.classPlaceholders),
            range: node.range)
        if let n = f["layout"], let layout = reader.choice(n, "layout", as: ClassesBlock.Layout.self) { block.layout = layout }
        if let n = f["term"], let t = reader.identifier(n, "term") { block.term = Ref(t, at: n.range) }
        switch block.layout {
        case .classSubject:
            if block.term == nil, f["term"] == nil {
                reader.error("classes with layout 'class-subject' need a 'term'", at: node.range)
            }
            for key in ["term_id", "term_name", "start", "end"] where f[key] != nil {
                reader.error("'\(key)' applies to layout 'class-as-term' only", at: f.keyRanges[key])
            }
        case .classAsTerm:
            if f["term"] != nil {
                reader.error("'term' applies to layout 'class-subject' only: with 'class-as-term' each class is a term", at: f.keyRanges["term"])
            }
        }
        block.start = f["start"].flatMap { reader.date($0, "start") }
        block.end = f["end"].flatMap { reader.date($0, "end") }
        checkOrder(block.start, block.end, f)
        if let n = f["account"] { block.account = accountRef(n, "account") }
        if let n = f["published"] { block.published = reader.bool(n, "published") }
        if let n = f.required("subjects", reader) {
            block.subjects = items(n, "subjects") { item in
                guard let s = reader.mapping(item, "subject", keys: Self.subjectKeys) else { return nil }
                let id = s.required("id", reader).flatMap { reader.identifier($0, "id") }
                let name = s.required("name", reader).flatMap { reader.string($0, "name") }
                guard let id, let name else { return nil }
                return ClassesBlock.Subject(id: id, name: name, range: s["id"]!.range)
            }
        }
        if let n = f.required("list", reader) { block.classes = items(n, "list", schoolClass) }
        return block
    }

    func schoolClass(_ node: YAMLNode) -> ClassesBlock.SchoolClass? {
        guard let f = reader.mapping(node, "class", keys: Self.classKeys) else { return nil }
        let id = f.required("id", reader).flatMap { reader.identifier($0, "id") }
        let name = f.required("name", reader).flatMap { reader.string($0, "name") }
        guard let id, let name else { return nil }
        let start = f["start"].flatMap { reader.date($0, "start") }
        let end = f["end"].flatMap { reader.date($0, "end") }
        checkOrder(start, end, f)
        var subjects: [(subject: Ref, roles: ClassesBlock.RoleLists)]?
        if let n = f["subjects"] {
            if let pairs = n.mappingPairs {
                subjects = pairs.compactMap { pair in
                    guard let key = reader.identifier(pair.key, "subject") else { return nil }
                    if pair.value.isNull { return (Ref(key, at: pair.key.range), []) }
                    guard let extras = reader.mapping(pair.value, "subject '\(key)' of class '\(id)'", keys: Self.roleListKeys)
                    else { return nil }
                    return (Ref(key, at: pair.key.range), roleLists(extras))
                }
            } else if n.sequenceItems != nil {
                // `subjects: [MATH, PHYS]`: the class takes these subjects with no extras.
                subjects = reader.refs(n, "subjects").map { ($0, []) }
            } else {
                reader.error("expected a mapping or a list for 'subjects', found \(n.kindName)", at: n.range)
            }
        }
        return ClassesBlock.SchoolClass(
            id: id, name: name, start: start, end: end, roles: roleLists(f), subjects: subjects, range: f["id"]!.range)
    }

    func checkOrder(_ start: ConfigDate?, _ end: ConfigDate?, _ f: Fields) {
        if let start, let end, end < start {
            reader.error("end \(end) is before start \(start)", at: f["end"]?.range, notes: [.init("start is here", at: f["start"]?.range)])
        }
    }
}
