import Foundation

/// The append-only JSON-lines log under `--data`: one `{"kind":…,"value":{…}}` upsert per
/// changed object. A write appends only what it changed; a start replays the log and, when
/// more than a quarter of its lines are superseded, rewrites it compacted (write to a
/// temporary file, then rename). Not fsynced per write: a killed process loses nothing the
/// kernel already has, a crashed machine may lose the tail (a torn last line is ignored).
final class Journal {
    let url: URL
    private var handle: FileHandle?
    private(set) var lineCount = 0
    private let encoder = JSONEncoder()

    init(directory: String) throws {
        let dir = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        url = dir.appendingPathComponent("canvas-sim.jsonl")
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
    }

    /// Decodes every complete line, in order, a thousand lines per decoder call (wrapped into
    /// one JSON array); a batch that fails is retried line by line to name the bad line.
    func replay(into state: inout StoreState) throws {
        let data = try Data(contentsOf: url)
        // Complete lines only: a torn tail (no newline) is dropped.
        let ranges: [Range<Int>] = data.withUnsafeBytes { raw in
            var out: [Range<Int>] = []
            guard let base = raw.baseAddress else { return out }
            var start = 0
            while start < raw.count, let hit = memchr(base + start, 10, raw.count - start) {
                let end = base.distance(to: UnsafeRawPointer(hit))
                if end > start { out.append(start..<end) }
                start = end + 1
            }
            return out
        }
        let decoder = JSONDecoder()
        var index = 0
        while index < ranges.count {
            let chunk = ranges[index..<min(index + 1000, ranges.count)]
            var batch = Data(capacity: chunk.reduce(2) { $0 + $1.count + 1 })
            batch.append(91)
            for (i, r) in chunk.enumerated() {
                if i > 0 { batch.append(44) }
                batch.append(data[r])
            }
            batch.append(93)
            guard let records = try? decoder.decode([Record].self, from: batch) else {
                for (i, r) in chunk.enumerated() {
                    do {
                        _ = try decoder.decode(Record.self, from: data[r])
                    } catch {
                        throw JournalError.badLine(index + i + 1, "\(error)")
                    }
                }
                throw JournalError.badLine(index + 1, "undecodable batch")
            }
            for record in records { state.apply(record) }
            index += chunk.count
        }
        lineCount = ranges.count
        // Bytes after the last newline are a torn write; rewrite so the next append starts clean.
        let consumed = data.withUnsafeBytes { raw in (raw.lastIndex(of: 10) ?? -1) + 1 }
        if consumed < data.count {
            try rewrite(state.allRecords)
        }
    }

    var shouldCompact: (Int) -> Bool {
        { live in self.lineCount > 1000 && self.lineCount - live > self.lineCount / 4 }
    }

    func append(_ records: [Record]) throws {
        guard !records.isEmpty else { return }
        let data = try encode(records)
        let h = try openHandle()
        h.write(data)
        lineCount += records.count
    }

    /// Replaces the whole log with `records`.
    func rewrite(_ records: [Record]) throws {
        try handle?.close()
        handle = nil
        let tmp = url.appendingPathExtension("tmp")
        try encode(records).write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        lineCount = records.count
    }

    enum JournalError: Error {
        case badLine(Int, String)
    }

    func close() {
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
    }

    private func openHandle() throws -> FileHandle {
        if let handle { return handle }
        let h = try FileHandle(forWritingTo: url)
        try h.seekToEnd()
        handle = h
        return h
    }

    /// One line per record. Records are encoded a thousand at a time as a JSON array, which is
    /// then cut into its elements: one encoder call per record cost more than the encoding.
    private func encode(_ records: [Record]) throws -> Data {
        var data = Data()
        var start = 0
        while start < records.count {
            let chunk = records[start..<min(start + 1000, records.count)]
            start += chunk.count
            let array = try encoder.encode(Array(chunk))
            array.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                // Split the top-level array at depth-1 commas, outside strings.
                var depth = 0, inString = false, escaped = false, elementStart = -1
                for i in 0..<raw.count {
                    let c = raw[i]
                    if inString {
                        if escaped { escaped = false } else if c == 92 { escaped = true } else if c == 34 { inString = false }
                        continue
                    }
                    switch c {
                    case 34: inString = true
                    case 91, 123:
                        depth += 1
                        if depth == 2 && elementStart < 0 { elementStart = i }
                    case 93, 125:
                        depth -= 1
                        if depth == 1 && elementStart >= 0 {
                            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[elementStart...i]))
                            data.append(10)
                            elementStart = -1
                        }
                    default: break
                    }
                }
            }
        }
        return data
    }
}
