import Foundation
import Testing

extension String {
    /// This text with every `target` replaced by `replacement`, for editing a config or
    /// fixture a test reads. Records an issue at the caller when `target` is not in the text
    /// (or the edit changes nothing), so a test cannot pass on an edit that did not happen.
    func edited(
        replacing target: String, with replacement: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String {
        #expect(contains(target), "the text to edit has no \(target.debugDescription)", sourceLocation: sourceLocation)
        let result = replacingOccurrences(of: target, with: replacement)
        #expect(result != self, "replacing \(target.debugDescription) changed nothing", sourceLocation: sourceLocation)
        return result
    }
}
