/// What makes a saved plan tamper-evident: a digest over its canonical content, and, when
/// the team keeps a key (`EASEL_PLAN_KEY`, a CI secret), an HMAC over the same bytes.
///
/// The canonical content is the plan as `PlanJSON.encode` writes it, decoded and written
/// again on the reading side, so a changed operation, an added or removed one, or any field
/// easel reads changes the digest; whitespace and unknown keys do not matter, since easel
/// never reads them. The digest catches corruption and casual edits; only the signature
/// catches someone who can edit the file and recompute a digest but does not hold the key.
public struct PlanSeal: Codable, Sendable, Equatable {
    /// `sha256:<hex>` of the canonical content.
    public var digest: String
    /// `hmac-sha256:<hex>` of the canonical content under the key, when one was set.
    public var signature: String?

    public static let keyVariable = "EASEL_PLAN_KEY"

    public init(digest: String, signature: String? = nil) {
        self.digest = digest
        self.signature = signature
    }

    /// The seal of `plan`, signed when `key` is given (and not empty).
    public static func make(for plan: Plan, key: String?) -> PlanSeal {
        let content = Array(PlanJSON.encode(plan).utf8)
        let signature = key.flatMap { $0.isEmpty ? nil : "hmac-sha256:" + SHA256.hmacHex(key: Array($0.utf8), message: content) }
        return PlanSeal(digest: "sha256:" + SHA256.hex(content), signature: signature)
    }

    /// Why a saved plan is refused before anything is read from Canvas.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unsealed
        case digestMismatch
        case unsigned
        case badSignature

        public var description: String {
            switch self {
            case .unsealed:
                "the plan carries no seal (digest): save plans with 'easel plan --out' and apply them unedited"
            case .digestMismatch:
                "the plan's content does not match its digest: it was edited or damaged after 'easel plan --out' wrote it; make a new plan"
            case .unsigned:
                "\(PlanSeal.keyVariable) is set, but the plan is not signed: make it with 'easel plan --out' where \(PlanSeal.keyVariable) is set"
            case .badSignature:
                "the plan's signature does not match \(PlanSeal.keyVariable): it was edited after it was signed, or signed with another key; make a new plan"
            }
        }
    }

    /// The checks that passed, in words (`digest`, `signature`), or the refusal.
    public static func check(_ plan: Plan, seal: PlanSeal?, key: String?) throws(Refusal) -> [String] {
        guard let seal else { throw .unsealed }
        let expected = make(for: plan, key: key)
        guard constantTimeEqual(seal.digest, expected.digest) else { throw .digestMismatch }
        var passed = ["digest"]
        if let wanted = expected.signature {
            guard let signature = seal.signature else { throw .unsigned }
            guard constantTimeEqual(signature, wanted) else { throw .badSignature }
            passed.append("signature (\(keyVariable))")
        }
        return passed
    }

    /// Compares without stopping at the first difference, so timing says nothing of the key.
    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
