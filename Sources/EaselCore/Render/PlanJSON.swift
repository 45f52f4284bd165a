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

    /// A saved plan (`plan --out`): the plan, and its seal under the `seal` key.
    public static func encodeSaved(_ plan: Plan, key: String?) -> String {
        let seal = PlanSeal.make(for: plan, key: key)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(plan: plan, summary: plan.summary, partial: !plan.targets.isEmpty, seal: seal)
        let data = try! encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A saved plan and its seal, if it has one.
    public static func decodeSaved(_ data: Data) throws(DecodeError) -> (plan: Plan, seal: PlanSeal?) {
        let plan = try decode(data)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Sealed: Decodable { var seal: PlanSeal? }
        guard let sealed = try? decoder.decode(Sealed.self, from: data) else { throw .invalid("its seal is not a digest and signature") }
        return (plan, sealed.seal)
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
        var seal: PlanSeal?

        init(plan: Plan, summary: Plan.Summary, partial: Bool, seal: PlanSeal? = nil) {
            (self.plan, self.summary, self.partial, self.seal) = (plan, summary, partial, seal)
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
            try c.encodeIfPresent(seal, forKey: .seal)
        }

        enum Keys: String, CodingKey { case summary, partial, seal }
    }
}
