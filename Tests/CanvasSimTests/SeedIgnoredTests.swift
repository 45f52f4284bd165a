import CanvasSim
import Foundation
import Testing

/// `canvas-sim --seed FILE --data DIR` where DIR already holds state keeps the state; the
/// server says the seed was not loaded, and the command prints it (it was silent before).
@Suite struct SeedIgnoredTests {
    @Test func aSeedOverExistingStateIsReportedIgnored() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-sim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = SimOptions()
        options.dataDirectory = dir
        options.seed = Fixtures.school()

        let fresh = try await SimServer.start(options)
        let seeded = fresh.seedIgnored
        _ = try await SimClient(fresh).put("/api/v1/courses/sis_course_id:MATH101", [("course[name]", "Kept")])
        await fresh.shutdown()

        let again = try await SimServer.start(options)
        let ignored = again.seedIgnored
        let name = again.snapshot().courses.first { $0.sisCourseId == "MATH101" }?.name
        await again.shutdown()

        options.reseed = true
        let reseeded = try await SimServer.start(options)
        let reseededIgnored = reseeded.seedIgnored
        let reseededName = reseeded.snapshot().courses.first { $0.sisCourseId == "MATH101" }?.name
        await reseeded.shutdown()

        #expect(!seeded, "a fresh store takes the seed")
        #expect(ignored, "a store with state keeps it and says the seed was not loaded")
        #expect(name == "Kept")
        #expect(!reseededIgnored)
        #expect(reseededName != "Kept")
    }

    /// The executable's own words, from the binary the build made.
    @Test func theCommandSaysSo() async throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/canvas-sim").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build canvas-sim first (make test does)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-sim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/seeds/school.json").path

        var lines: [String] = []
        for _ in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--port", "0", "--data", dir, "--seed", seed]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // Blocking reads, on a thread of their own: the listening line comes after any
            // warning; then the server is stopped.
            let said = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
                Thread.detachNewThread {
                    var seen = Data()
                    while !String(decoding: seen, as: UTF8.self).contains("listening") {
                        let chunk = out.fileHandleForReading.availableData
                        if chunk.isEmpty { break }
                        seen += chunk
                    }
                    process.terminate()
                    process.waitUntilExit()
                    continuation.resume(returning: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
                }
            }
            lines.append(said)
        }
        #expect(!lines[0].contains("warning"), "the first start loads the seed: \(lines[0])")
        #expect(lines[1].contains("canvas-sim: warning: --data '\(dir)' already holds state, so --seed '\(seed)' was not loaded; pass --reseed"), "\(lines[1])")
    }
}
