import CanvasSim
import Foundation

/// Writes a district into a directory:
///
/// ```
/// DIR/config/           the easel config (its *.yaml files are replaced)
/// DIR/seed-match.json   Canvas already as the config says
/// DIR/seed-drift.json   the same, edited by hand (DriftMaker)
/// DIR/seed-empty.json   sub-accounts, the custom role and the token only
/// DIR/drift.txt         what seed-drift.json changed
/// DIR/district.json     the options and the counts, for the benchmark's results
/// ```
public struct DistrictWriter {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Generates and writes; returns the district and its drift report.
    @discardableResult
    public func write(_ options: DistrictOptions) throws -> (district: District, drift: DriftReport) {
        let district = DistrictGenerator.generate(options)
        let (driftSeed, report) = DriftMaker.drift(district)
        let fm = FileManager.default
        let config = directory.appendingPathComponent("config")
        try fm.createDirectory(at: config, withIntermediateDirectories: true)
        // A smaller district written over a larger one must not inherit its course files.
        for name in try fm.contentsOfDirectory(atPath: config.path) where name.hasSuffix(".yaml") {
            try fm.removeItem(at: config.appendingPathComponent(name))
        }
        for file in district.configFiles() {
            try Data(file.text.utf8).write(to: config.appendingPathComponent(file.name))
        }
        try district.matchingSeed().encoded().write(to: directory.appendingPathComponent("seed-match.json"))
        try driftSeed.encoded().write(to: directory.appendingPathComponent("seed-drift.json"))
        try district.emptySeed().encoded().write(to: directory.appendingPathComponent("seed-empty.json"))
        try Data(report.text.utf8).write(to: directory.appendingPathComponent("drift.txt"))
        try summary(district, report).write(to: directory.appendingPathComponent("district.json"))
        return (district, report)
    }

    private func summary(_ district: District, _ report: DriftReport) throws -> Data {
        let o = district.options
        var drift: [String: Int] = ["expected_operations": report.expectedOperations]
        for kind in DriftReport.Kind.allCases { drift[kind.rawValue.replacingOccurrences(of: " ", with: "_")] = report.count(kind) }
        let object: [String: Any] = [
            "options": [
                "courses": o.courses, "terms": o.terms, "sub_accounts": o.subAccounts, "sections_per_course": o.sectionsPerCourse,
                "users": o.users, "enrollments": o.enrollments, "drift": o.drift, "seed": o.seed, "year": district.year,
            ],
            "counts": [
                "terms": district.terms.count, "sub_accounts": district.subAccounts.count, "courses": district.courses.count,
                "sections": district.sectionCount, "users": district.users.count, "enrollments": district.enrollmentCount,
            ],
            "drift": drift,
            "token": o.token,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
