internal import CYAML

/// Builds the `YAMLNode` tree of one file from libyaml's event stream.
///
/// Not `Sendable`: it owns a `yaml_parser_t` and the input bytes libyaml reads in place,
/// both at stable heap addresses. Create it, call `run()` once on the same thread, drop it.
final class YAMLParser {
    let file: String
    private let limits: YAMLLimits
    let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The UTF-8 input; libyaml reads from it without copying, so it lives as long as `parser`.
    let input: UnsafeMutablePointer<UInt8>
    let inputCount: Int
    private let initialized: Bool

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var documents = 0
    private var root: YAMLNode?
    private var diagnostics: [Diagnostic] = []

    init(text: String, file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        var text = text
        (input, inputCount) = text.withUTF8 { bytes in
            // libyaml asserts a non-null input pointer, even for empty input.
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            if let base = bytes.baseAddress { copy.initialize(from: base, count: bytes.count) }
            return (copy, bytes.count)
        }
        parser = .allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            yaml_parser_set_input_string(parser, input, inputCount)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    func run() -> YAMLParseResult {
        guard initialized else {
            let diagnostic = Diagnostic.error("out of memory while reading YAML", at: range(line: 0, column: 0))
            return YAMLParseResult(root: nil, diagnostics: [diagnostic])
        }
        loop: while true {
            switch step() {
            case .proceed: continue
            case .finish: break loop
            case .abort:
                root = nil
                break loop
            }
        }
        return YAMLParseResult(root: root, diagnostics: diagnostics)
    }

    private enum Step { case proceed, finish, abort }

    private func step() -> Step {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            diagnostics.append(syntaxError())
            return .abort
        }
        defer { yaml_event_delete(&event) }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                let at = range(event.start_mark, event.end_mark)
                report("unexpected second document (a file holds one document)", at: at)
                return .finish
            }
        case YAML_SCALAR_EVENT:
            scalar(event)
        case YAML_ALIAS_EVENT:
            return alias(event)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return open(
                event, isMapping: false, isFlow: start.style == YAML_FLOW_SEQUENCE_STYLE,
                anchor: start.anchor, tag: start.tag)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return open(
                event, isMapping: true, isFlow: start.style == YAML_FLOW_MAPPING_STYLE,
                anchor: start.anchor, tag: start.tag)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            close(event)
        case YAML_STREAM_END_EVENT:
            return .finish
        default:
            break
        }
        return .proceed
    }

    // MARK: Building nodes

    /// A node under an anchor, with its size and nesting height for checking alias expansion.
    private struct Anchored {
        var node: YAMLNode
        var nodes: Int
        var height: Int
    }

    private func scalar(_ event: yaml_event_t) {
        let data = event.data.scalar
        let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
        let style: ScalarStyle =
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        let node = YAMLNode(
            .scalar(text, style), range: range(event.start_mark, event.end_mark), tag: tagName(data.tag))
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = Anchored(node: node, nodes: 1, height: 0)
        }
        attach(node, nodes: 1, height: 0)
    }

    private func alias(_ event: yaml_event_t) -> Step {
        let name = String(cString: event.data.alias.anchor)
        let at = range(event.start_mark, event.end_mark)
        guard let target = anchors[name] else {
            report("undefined alias '\(name)'", at: at)
            attach(YAMLNode(.scalar("", .plain), range: at), nodes: 1, height: 0)
            return .proceed
        }
        aliasNodes += target.nodes
        if aliasNodes > limits.maxAliasExpansion {
            report("alias expansion exceeds \(limits.maxAliasExpansion) nodes", at: at)
            return .abort
        }
        if stack.count + target.height > limits.maxDepth {
            report("nesting deeper than \(limits.maxDepth) levels", at: at)
            return .abort
        }
        attach(target.node, nodes: target.nodes, height: target.height)
        return .proceed
    }

    private func open(
        _ event: yaml_event_t, isMapping: Bool, isFlow: Bool,
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?
    ) -> Step {
        guard stack.count < limits.maxDepth else {
            report("nesting deeper than \(limits.maxDepth) levels", at: range(event.start_mark, event.end_mark))
            return .abort
        }
        let frame = Frame(
            isMapping: isMapping, isFlow: isFlow, start: event.start_mark,
            anchor: anchor.map { String(cString: $0) }, tag: tagName(tag))
        stack.append(frame)
        return .proceed
    }

    private func close(_ event: yaml_event_t) {
        let frame = stack.removeLast()
        // A block collection's end event sits where the next token starts, often lines later;
        // its content ends with its last child.
        let end = frame.isFlow ? location(event.end_mark) : nil
        let node = frame.node(file: file, start: location(frame.start), end: end)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, nodes: frame.nodes, height: frame.height)
        }
        attach(node, nodes: frame.nodes, height: frame.height)
    }

    /// Adds a finished node to the open collection, or makes it the root.
    private func attach(_ node: YAMLNode, nodes: Int, height: Int) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        if let refused = stack[stack.count - 1].add(node, nodes: nodes, height: height) {
            diagnostics.append(refused)
        }
    }

    private func report(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }

    // MARK: Positions and tags

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: mark.line + 1, column: mark.column + 1)
    }

    func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        SourceRange(file: file, start: location(start), end: location(end))
    }

    /// A one-character range at a mark, for errors.
    func range(at mark: yaml_mark_t) -> SourceRange {
        range(line: mark.line, column: mark.column)
    }

    /// A one-character range at a 0-based line and column.
    func range(line: Int, column: Int) -> SourceRange {
        SourceRange(
            file: file, start: SourceLocation(line: line + 1, column: column + 1),
            end: SourceLocation(line: line + 1, column: column + 2))
    }

    /// libyaml expands `!!x` to `tag:yaml.org,2002:x`; nodes keep the short form.
    private func tagName(_ tag: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag else { return nil }
        let name = String(cString: tag)
        let core = "tag:yaml.org,2002:"
        return name.hasPrefix(core) ? "!!" + name.dropFirst(core.count) : name
    }
}
