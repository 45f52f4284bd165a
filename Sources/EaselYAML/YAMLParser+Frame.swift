internal import CYAML

extension YAMLParser {
    /// An open sequence or mapping whose children are still arriving.
    struct Frame {
        enum Slot {
            case key
            case value(for: YAMLNode)
            /// The value of a refused key (duplicate or merge): parsed, then dropped.
            case droppedValue
        }

        let isMapping: Bool
        let isFlow: Bool
        let start: yaml_mark_t
        let anchor: String?
        let tag: String?
        private var items: [YAMLNode] = []
        private var pairs: [YAMLPair] = []
        private var slot = Slot.key
        /// Scalar keys seen so far, built once a mapping is too large to scan.
        private var keyIndex: [String: SourceRange]?
        private var lastEnd: SourceLocation?
        /// Nodes in this subtree and how deeply it nests, for limiting what aliases add.
        private(set) var nodes = 1
        private(set) var height = 1

        init(isMapping: Bool, isFlow: Bool, start: yaml_mark_t, anchor: String?, tag: String?) {
            self.isMapping = isMapping
            self.isFlow = isFlow
            self.start = start
            self.anchor = anchor
            self.tag = tag
        }

        /// Takes a finished child. A mapping's children alternate key, value; a refused key
        /// (a merge key or a duplicate) loses its value and comes back as the error to report.
        mutating func add(_ node: YAMLNode, nodes: Int, height: Int) -> Diagnostic? {
            self.nodes += nodes
            self.height = max(self.height, height + 1)
            lastEnd = node.range.end
            guard isMapping else {
                items.append(node)
                return nil
            }
            switch slot {
            case .key:
                let refusal = refusal(ofKey: node)
                slot = refusal == nil ? .value(for: node) : .droppedValue
                return refusal
            case .value(let key):
                pairs.append(YAMLPair(key: key, value: node))
                slot = .key
            case .droppedValue:
                slot = .key
            }
            return nil
        }

        /// The finished node; `end` is nil for block collections, which end with their last child.
        func node(file: String, start: SourceLocation, end: SourceLocation?) -> YAMLNode {
            YAMLNode(
                isMapping ? .mapping(pairs) : .sequence(items),
                range: SourceRange(file: file, start: start, end: end ?? lastEnd ?? start), tag: tag)
        }

        /// Why a key is refused: merge keys are not supported, and the first of duplicate keys wins.
        private mutating func refusal(ofKey key: YAMLNode) -> Diagnostic? {
            guard case .scalar(let text, let style) = key.value else { return nil }
            if text == "<<", style == .plain, key.tag == nil {
                return .error("merge keys ('<<') are not supported", at: key.range)
            }
            guard let first = firstDefinition(of: text, at: key.range) else { return nil }
            return .error("duplicate key '\(text)'", at: key.range, notes: [.init("first defined here", at: first)])
        }

        /// Where `text` is already a key of this mapping, recording it when it is not.
        private mutating func firstDefinition(of text: String, at range: SourceRange) -> SourceRange? {
            if keyIndex != nil {
                if let first = keyIndex?[text] { return first }
                keyIndex?[text] = range
                return nil
            }
            for pair in pairs {
                if case .scalar(let other, _) = pair.key.value, other == text { return pair.key.range }
            }
            // Small mappings are scanned; larger ones get an index so parsing stays linear.
            if pairs.count >= 16 {
                var index: [String: SourceRange] = [text: range]
                for pair in pairs {
                    if case .scalar(let other, _) = pair.key.value { index[other] = pair.key.range }
                }
                keyIndex = index
            }
            return nil
        }
    }
}
