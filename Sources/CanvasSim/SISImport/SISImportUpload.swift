import BulkFiles
/// The kinds of SIS CSV files, in Canvas's processing order (`IMPORTERS`). A file's kind
/// comes from its header row, not its name.
enum SISFileKind: String, CaseIterable, Sendable {
    case changeSisId = "change_sis_id"
    case account, term
    case abstractCourse = "abstract_course"
    case course, section, xlist, user, login, enrollment, admin
    case groupCategory = "group_category"
    case group
    case groupMembership = "group_membership"
    case gradePublishingResults = "grade_publishing_results"
    case userObserver = "user_observer"

    /// The kinds canvas-sim applies; files of the others are reported and skipped.
    static let supported: Set<SISFileKind> = [.account, .term, .course, .section, .user, .enrollment]

    /// Canvas's `*_csv?(headers)` checks, tried in processing order.
    static func detect(_ h: Set<String>) -> SISFileKind? {
        if h.contains("old_id") && h.contains("new_id") && h.contains("type") { return .changeSisId }
        if h.contains("account_id") && h.contains("parent_account_id") { return .account }
        if h.contains("term_id") && h.contains("name") { return .term }
        if h.contains("abstract_course_id") && h.contains("short_name") { return .abstractCourse }
        if h.contains("course_id") && h.contains("short_name") { return .course }
        if h.contains("section_id") && h.contains("name") { return .section }
        if h.contains("xlist_course_id") && h.contains("section_id") { return .xlist }
        let loginStyle = !h.isDisjoint(with: ["existing_user_id", "existing_integration_id", "existing_canvas_user_id"])
        if h.contains("user_id") && h.contains("login_id") && !loginStyle { return .user }
        if h.contains("user_id") && h.contains("login_id") && loginStyle { return .login }
        if (h.contains("section_id") || h.contains("course_id")) && (h.contains("user_id") || h.contains("user_integration_id")) {
            return .enrollment
        }
        if h.contains("user_id") && h.contains("account_id") && (h.contains("role") || h.contains("role_id")) { return .admin }
        if h.contains("group_category_id") && h.contains("category_name") { return .groupCategory }
        if h.contains("group_id") && h.contains("name") { return .group }
        if h.contains("group_id") && h.contains("user_id") { return .groupMembership }
        if h.contains("enrollment_id") && h.contains("grade_publishing_status") { return .gradePublishingResults }
        if h.contains("observer_id") && h.contains("student_id") { return .userObserver }
        return nil
    }

    /// The `data.counts` key of the kind.
    var countKey: String {
        switch self {
        case .changeSisId: return "change_sis_ids"
        case .gradePublishingResults: return "grade_publishing_results"
        default: return rawValue + "s"
        }
    }
}

/// One CSV of an upload, with its kind.
struct SISCSVFile: Sendable {
    var name: String
    var kind: SISFileKind
    var table: CSVTable
}

/// An upload opened for processing: its CSVs in processing order, and the messages about
/// files that could not be used.
struct SISUpload: Sendable {
    var files: [SISCSVFile] = []
    var messages: [SISImportMessage] = []
    /// Set when the upload cannot be read at all (a broken zip): the import fails.
    var fatal: String?

    var rowCount: Int { files.reduce(0) { $0 + $1.table.rows.count } }

    /// Canvas skips these names inside a zip.
    static func ignored(_ path: String) -> Bool {
        let lower = path.lowercased()
        let base = lower.split(separator: "/").last.map(String.init) ?? lower
        return lower.contains("__macosx") || lower.contains("desktop db") || lower.contains("desktop df")
            || base.hasPrefix(".") || lower.hasPrefix(".")
    }

    /// Opens the uploaded bytes: a zip of CSVs (stored or deflated entries) or one CSV.
    static func open(_ bytes: [UInt8], isZip: Bool, name: String) -> SISUpload {
        var upload = SISUpload()
        if isZip {
            let entries: [ZipReader.Entry]
            do {
                entries = try ZipReader.read(bytes)
            } catch {
                upload.fatal = "Error while importing CSV: \(error)"
                upload.messages.append(SISImportMessage(file: name, message: upload.fatal!, row: nil, failure: true))
                return upload
            }
            for entry in entries where !ignored(entry.name) {
                if entry.name.lowercased().hasSuffix(".csv") {
                    upload.add(entry.name, entry.data)
                } else {
                    upload.messages.append(SISImportMessage(file: entry.name, message: "Skipping unknown file type", row: nil, failure: false))
                }
            }
        } else {
            upload.add(name, bytes)
        }
        // Dependency order; files of one kind keep their order in the upload.
        let order = Dictionary(uniqueKeysWithValues: SISFileKind.allCases.enumerated().map { ($1, $0) })
        upload.files = upload.files.enumerated().sorted {
            (order[$0.element.kind]!, $0.offset) < (order[$1.element.kind]!, $1.offset)
        }.map(\.element)
        return upload
    }

    private mutating func add(_ name: String, _ data: [UInt8]) {
        guard !data.isEmpty else { return }
        let records: [CSV.Record]
        do {
            records = try CSV.parse(data)
        } catch CSV.Failure.invalidUTF8 {
            messages.append(SISImportMessage(file: name, message: "Invalid UTF-8", row: nil, failure: true))
            return
        } catch {
            messages.append(SISImportMessage(file: name, message: "Malformed CSV", row: nil, failure: true))
            return
        }
        guard !records.isEmpty else { return }
        let table = CSVTable(records: records)
        guard let kind = SISFileKind.detect(Set(table.headers)) else {
            messages.append(SISImportMessage(file: name, message: "Couldn't find Canvas CSV import headers", row: nil, failure: true))
            return
        }
        guard SISFileKind.supported.contains(kind) else {
            messages.append(SISImportMessage(
                file: name, message: "canvas-sim does not import \(kind.rawValue) files; skipped", row: nil, failure: false))
            return
        }
        files.append(SISCSVFile(name: name, kind: kind, table: table))
    }
}
