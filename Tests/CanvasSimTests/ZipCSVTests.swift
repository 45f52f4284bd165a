import BulkFiles
import CanvasSim
import Foundation
import Testing

/// The zip reader against archives real tools made, the writer against a real reader, and
/// the CSV parser's edge cases.
@Suite struct ZipCSVTests {
    /// Python's zipfile: deflated entries in a folder, a directory entry, a `__MACOSX` entry,
    /// and one stored entry.
    static let pythonZip = """
        UEsDBBQAAAAIALeVdl0AAAAAAgAAAAAAAAAEAAAAc2lzLwMAUEsDBBQAAAAIALeVdl11fcM9KwAAACkAAAANAAAAc2lzL3Rlcm1zLmNzditJLcqNz0zRyUvMTdUpLkksKS3mCjHUcUvMyVE4vLLk8EqdxOSSzLJULgBQSwMEFAAAAAgAt5V2XVfFYPR2BQAAKBMAAA0AAABzaXMvdXNlcnMuY3N2VdhNrt02DEDheVbRBXigo38tJOMgaNMiQJoCTW7XH9KXNNnZA/EG98i2/MmvH1/+/fT1j+vbP399/a5//Pn69u3T989/f7l+/Pz88/Xjw8dyvcr1Uf7vt3J9/v3n1/++fPjI9eI945nV61Xfs/rM2vVq71l7Zv169fesP7NxvcZ7Np7ZvF7zPZvPbF2v9Z6tZ7av137P9jM71+u8Zyd+s4RgJaQUbfGYqEFysB4iCCnCkogmJAqrIrKQLiyMKEPSsDYiDqnD8og+JBArJBKRRiySqKxSWa2yRmWVymqVNV0zvWh+1aKySmW1yhqVVSqrVdaorFJZrbJGZZXKapU1KqtUVqusUVmlslpljcoqldUqa1Q2qWxW2aKySWWzyhaVTSqbVbZ0c+rd6bdnVDapbFbZorJJZbPKFpVNKptVtqhsUtmsskVlk8pmlS0qm1Q2q2xR2aWyW2WPyi6V3Sp7VHap7FbZo7JLZbfKnp5CfQz9OYzKLpXdKntUdqnsVtmjsktlt8oelV0qu1X2qOxS2a2yR+WQymGVIyqHVA6rHFE5pHJY5YjKIZXDKkdUDqkcVjnSdqP7jW84UTmkcljliMohlcMqR1QOqRxWOaJySOWwyhGVUyqnVc6onFI5rXJG5ZTKaZUzKqdUTqucUTmlclrljMopldMqZ9pXdWP1nTUqp1ROq5xROaVyWuWMyimV0ypnVC6pXFa5onJJ5bLKFZVLKpdVrqhcUrmsckXlkspllSsql1Quq1xRuaRyWeVKLxB9g/grJCqXVC6rXFG5pHJZ5YrKLZXbKndUbqncVrmjckvltsodlVsqt1XuqNxSua1yR+WWym2VOyq3VG6r3FG5pXJb5U5vSn1V+rsyKrdUbqvcUXmk8ljlicojlccqT1QeqTxWeaLySOWxyhOVRyqPVZ6oPFJ5rPJE5ZHKY5UnKo9UHqs8UXmk8ljlSSRQEzgKsgpuFjwuSDAoKoPiNCjJBkVxUFwHJfGgqA+KA6EkIRQlQnEjlISEokoozoSSnFAUCsWlUBIVilqhOBZK0kJRLhT3QklgKCqG4mQoaQ1uGj02+h+Obh09PEprcAPpEVIm0m2kB0lZSTeTHidlKN1SeqiUrXRj6dFS5tLtpQdMWUw3mR4zZTTdanrYlNyEwgmXE4lOqJ1wPFGzEW8kPkpMa6CCwglFMhSKKFxRJEahjsIhRZIUSincUiRMoZrCOUXyFAoqXFQkUqGmwlFFUhXKKtxVJFihssJpRbIViitcV7RM5dvKD5bTGiixcGORkIUqC2cWyVkotHBpkaiFWgvHFklbKLdwb5HAhYoLJxfJXCi6cHWR2IW6C4cXSV4ovXB7kfCF6gvnFz2fGO4jw3NmSGugBsMRRlIYyjDcYSSIoRLDKUayGIoxXGMkjqEew0FGEhlKMtxkJJShKsNZRnIZCjNcZiSaoTbDcUbSGcoz3GeMfHC6T07P0SmtgSINVxqJaajTcKiRpIZSDbcaCWuo1nCukbyGgg0XG4lsqNlwtJHUhrINdxsJbqjccLqR7IbiDdcbiW+o33DAMfP58T5APifItAaqOJxxJMehkMMlR6IcajkccyTNoZzDPUcCHSo6nHQk06Gow1VHYh3qOhx2JNmhtMNtR8IdqjucdyTfocDDhcfKx+j7HP0cpNMaKPNw55Ggh0oPpx7Jeij2cO2RuId6DwcfSXwo+XDzkdCHqg9nH8l9KPxw+ZHoh9oPxx9Jfyj/cP+RAIgKECcgO39NuD8nPN8T0hqoA3EIkiSIUhC3IAmDqAZxDpI8iIIQFyGJhKgJcRSSVIiyEHchCYaoDHEakmyI4hDXIYmHqA9xIJKEiBIRNyInf1S5v6o8n1WeNfgFUEsDBBQAAAAIALeVdl05nPsGBgAAAAQAAAAYAAAAX19NQUNPU1gvc2lzLy5fdXNlcnMuY3N2yyrNywYAUEsDBBQAAAAAAAAAIQCQ1W4bPAAAADwAAAAOAAAAc2lzL3N0b3JlZC5jc3Zjb3Vyc2VfaWQsc2hvcnRfbmFtZSxsb25nX25hbWUsc3RhdHVzCkMxLEMxLENvdXJzZSAxLGFjdGl2ZQpQSwECFAMUAAAACAC3lXZdAAAAAAIAAAAAAAAABAAAAAAAAAAAABAA/UEAAAAAc2lzL1BLAQIUAxQAAAAIALeVdl11fcM9KwAAACkAAAANAAAAAAAAAAAAAACAASQAAABzaXMvdGVybXMuY3N2UEsBAhQDFAAAAAgAt5V2XVfFYPR2BQAAKBMAAA0AAAAAAAAAAAAAAIABegAAAHNpcy91c2Vycy5jc3ZQSwECFAMUAAAACAC3lXZdOZz7BgYAAAAEAAAAGAAAAAAAAAAAAAAAgAEbBgAAX19NQUNPU1gvc2lzLy5fdXNlcnMuY3N2UEsBAhQDFAAAAAAAAAAhAJDVbhs8AAAAPAAAAA4AAAAAAAAAAAAAAIABVwYAAHNpcy9zdG9yZWQuY3N2UEsFBgAAAAAFAAUAKgEAAL8GAAAAAA==
        """

    /// Info-ZIP streaming to stdout: a data descriptor after the entry (flag bit 3, zero sizes
    /// in the local header) and extra fields.
    static let infoZipStreamed = """
        UEsDBBQACAAIALmVdl0AAAAAAAAAAC8AAAAJABwAdGVybXMuY3N2VVQJAANdOANrXTgDa3V4CwABBAAAAAAEAAAAACtJLcqNz0zRyUvMTdUpLkksKS3m5Qox11EKLijKzEvXUchJLElV0klMLsksS+XlAgBQSwcIvC0pYzEAAAAvAAAAUEsBAh4DFAAIAAgAuZV2XbwtKWMxAAAALwAAAAkAGAAAAAAAAQAAAKSBAAAAAHRlcm1zLmNzdlVUBQADXTgDa3V4CwABBAAAAAAEAAAAAFBLBQYAAAAAAQABAE8AAACEAAAAAAA=
        """

    static func bytes(_ base64: String) -> [UInt8] {
        Array(Data(base64Encoded: base64.filter { !$0.isWhitespace })!)
    }

    @Test func readsArchivesOtherToolsWrote() throws {
        let python = try ZipReader.read(Self.bytes(Self.pythonZip))
        #expect(python.map(\.name) == ["sis/terms.csv", "sis/users.csv", "__MACOSX/sis/._users.csv", "sis/stored.csv"])
        #expect(String(decoding: python[0].data, as: UTF8.self) == "term_id,name,status\nT1,Fall été,active\n")
        #expect(String(decoding: python[1].data, as: UTF8.self).split(separator: "\n").count == 201)
        let streamed = try ZipReader.read(Self.bytes(Self.infoZipStreamed))
        #expect(streamed.map(\.name) == ["terms.csv"])
        #expect(String(decoding: streamed[0].data, as: UTF8.self) == "term_id,name,status\r\nT7,\"Spring, late\",active\r\n")
    }

    @Test func importsAPythonZipSkippingMacJunk() async throws {
        try await withSim { _, client in
            let start = try await client.sisImport(zip: Data(Self.bytes(Self.pythonZip)))
            let (done, _) = try await client.waitForImport(try #require(start.object.int("id")))
            #expect(done.string("workflow_state") == "imported", "\(done)")
            let counts = done.object("data").object("counts")
            #expect(counts.int("terms") == 1 && counts.int("users") == 200 && counts.int("courses") == 1)
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:T1").object.string("name") == "Fall été")
            let streamed = try await client.sisImport(zip: Data(Self.bytes(Self.infoZipStreamed)))
            _ = try await client.waitForImport(try #require(streamed.object.int("id")))
            try #expect(await client.get("/api/v1/accounts/1/terms/sis_term_id:T7").object.string("name") == "Spring, late")
        }
    }

    @Test func writerRoundTripsAndReaderChecksCRC() throws {
        let big = Array(String(repeating: "user_id,login_id\nU1,u1\n", count: 500).utf8)
        var writer = ZipWriter()
        try writer.add("a.csv", big, method: .deflated)
        try writer.add("dir/b.csv", Array("x,y\n1,2\n".utf8), method: .stored)
        try writer.add("empty.csv", [], method: .deflated)
        var archive = writer.bytes()
        #expect(archive.count < big.count / 5, "deflate compresses")
        let entries = try ZipReader.read(archive)
        #expect(entries.map(\.name) == ["a.csv", "dir/b.csv", "empty.csv"])
        #expect(entries[0].data == big && entries[2].data.isEmpty)

        // A reader elsewhere agrees (when Info-ZIP is installed).
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString).zip")
            try Data(archive).write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            p.arguments = ["-tqq", path.path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }

        // Flip a byte of the stored entry's data: the CRC catches it.
        let stored = Array("x,y\n1,2\n".utf8)
        let at = try #require(Self.find(stored, in: archive))
        archive[at] ^= 0xFF
        #expect(throws: ZipReader.Failure.self) { try ZipReader.read(archive) }
        #expect(throws: ZipReader.Failure.notAZip) { try ZipReader.read(Array("plain text, not a zip".utf8)) }
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        return (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }
    }

    @Test func csvFollowsRFC4180() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"multi\nline\"\r\n\r\n1,,3\nlast,row,\"\""
        let records = try CSV.parse(Array(text.utf8))
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "multi\nline"], ["1", "", "3"], ["last", "row", ""]])
        #expect(records.map(\.line) == [1, 2, 5, 6], "a record's line counts the newline inside quotes and the blank line")
        #expect(throws: CSV.Failure.malformed(line: 2)) { try CSV.parse(Array("a,b\nx\"y,z\n".utf8)) }
        #expect(throws: CSV.Failure.malformed(line: 2)) { try CSV.parse(Array("a,b\n\"open,z\n".utf8)) }
        #expect(throws: CSV.Failure.invalidUTF8) { try CSV.parse([0x61, 0x2C, 0xFF, 0x0A]) }
        #expect(CSV.line(["plain", "with,comma", "with \"quote\"", nil]) == "plain,\"with,comma\",\"with \"\"quote\"\"\",\n")
    }
}
