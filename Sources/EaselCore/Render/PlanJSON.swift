import Foundation

/// The plan's JSON form (`--format json`, and saved plans): see docs/plan-json.md.
public enum PlanJSON {
    /// A stable rendering: keys sorted, snake_case, two-space indentation.
    public static func encode(_ plan: Plan) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(plan: plan, summary: plan.summary, partial: !plan.targets.isEmpty)
        // Encoding plain values cannot fail.
        let data = try! encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public enum DecodeError: Error, CustomStringConvertible {
        case invalid(String)
        case unsupportedVersion(Int)

        public var description: String {
            switch self {
            case .invalid(let why): "not an easel plan: \(why)"
            case .unsupportedVersion(let v):
                "the plan has format_version \(v); this easel reads format_version \(Plan.currentFormatVersion)"
            }
        }
    }

    public static func decode(_ data: Data) throws(DecodeError) -> Plan {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Version: Decodable { var formatVersion: Int? }
        guard let version = try? decoder.decode(Version.self, from: data) else { throw .invalid("it is not JSON") }
        guard let v = version.formatVersion else { throw .invalid("it has no format_version") }
        guard v == Plan.currentFormatVersion else { throw .unsupportedVersion(v) }
        do {
            return try decoder.decode(Document.self, from: data).plan
        } catch {
            throw .invalid(String(describing: error))
        }
    }

    /// The plan with its derived fields, which readers of the JSON should not have to compute.
    private struct Document: Codable {
        var plan: Plan
        var summary: Plan.Summary
        var partial: Bool

        init(plan: Plan, summary: Plan.Summary, partial: Bool) {
            (self.plan, self.summary, self.partial) = (plan, summary, partial)
        }

        init(from decoder: any Decoder) throws {
            plan = try Plan(from: decoder)
            summary = plan.summary
            partial = !plan.targets.isEmpty
        }

        func encode(to encoder: any Encoder) throws {
            try plan.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(summary, forKey: .summary)
            try c.encode(partial, forKey: .partial)
        }

        enum Keys: String, CodingKey { case summary, partial }
    }
}
