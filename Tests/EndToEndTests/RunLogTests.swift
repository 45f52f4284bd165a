import EaselCore
import Foundation
import Testing

/// `easel log`: every apply is a run in the journal, with the commit it was applied from and
/// who ran it (the CI's actor and run, or the local user).
@Suite struct RunLogTests {
    static let school = SimHarness.path("examples/school")

    /// Copies the school into a new git repository in the simulator's directory; returns its
    /// config folder and the commit.
    static func repository(_ sim: SimHarness) async throws -> (config: String, commit: String) {
        let root = sim.directory.appendingPathComponent("district").path
        let config = root + "/easel"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: school, toPath: config)
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "school"]] {
            #expect(try await git(arguments, in: root).status == 0)
        }
        return (config, try await git(["rev-parse", "HEAD"], in: root).output)
    }

    /// Runs git on a thread of its own (waiting for it must not block the cooperative pool).
    static func git(_ arguments: [String], in folder: String) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = await offThePool {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func aRunOnGitHubActionsNamesItsCommitActorAndPullRequest() async throws {
        try await SimHarness.with { sim in
            let (config, commit) = try await Self.repository(sim)
            let github = [
                "GITHUB_ACTIONS": "true", "GITHUB_ACTOR": "octocat", "GITHUB_RUN_ID": "4242", "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_REPOSITORY": "district/canvas", "GITHUB_REF": "refs/pull/17/merge",
            ]
            let apply = await sim.easel(["apply", config, "--auto-approve"], environment: github)
            let list = await sim.easel(["log"])
            let runId = list.out.split(separator: "\n").dropFirst().first.map { String($0.prefix { $0 != " " }) } ?? ""
            let detail = await sim.easel(["log", String(runId.prefix(12))])
            let json = await sim.easel(["log", runId, "--format", "json"])

            #expect(apply.code == 0, "\(apply.err.suffix(600))")
            #expect(list.code == 0)
            #expect(list.out.contains("octocat (github)  \(commit.prefix(8))  1022  0       0        complete"), "\(list.out)")
            #expect(detail.code == 0, "\(detail.err)")
            #expect(detail.out.hasPrefix("Run \(runId): complete\n"), "\(detail.out.prefix(300))")
            #expect(detail.out.contains("  by       octocat (github) https://github.com/district/canvas/actions/runs/4242, pull request 17\n"))
            #expect(detail.out.contains("  commit   \(commit) on "), "\(detail.out.prefix(600))")
            #expect(!detail.out.contains("uncommitted"))
            // Created through the SIS import (auto): Canvas's ids are not known one by one.
            #expect(detail.out.contains("  done     + course 2026-FALL-10A-MATH\n"), "\(detail.out.prefix(1500))")
            #expect(detail.out.contains("  done     ~ adopt course STAFF-ROOM (canvas 4321)"))
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
            #expect(runs.count == 1)
            #expect((runs.first?["operations"] as? [Any])?.count == 1022)
            let header = try #require(runs.first?["header"] as? [String: Any])
            #expect((header["git"] as? [String: Any])?["commit"] as? String == commit)
            #expect(!json.out.contains(SimHarness.token), "the token is never in the journal")
        }
    }

    @Test func aRunOnGitLabCIAndADirtyTreeAreSaid() async throws {
        try await SimHarness.with { sim in
            let (config, commit) = try await Self.repository(sim)
            // An uncommitted edit: the run says the tree was dirty.
            let file = config + "/30-courses.yaml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("Chemistry II"))
            try text.replacingOccurrences(of: "Chemistry II", with: "Chemistry 2").write(toFile: file, atomically: true, encoding: .utf8)
            let gitlab = [
                "GITLAB_CI": "true", "GITLAB_USER_LOGIN": "ada", "CI_PIPELINE_URL": "https://gitlab.example/d/c/-/pipelines/9",
                "CI_MERGE_REQUEST_IID": "5",
            ]
            let apply = await sim.easel(["apply", config, "--auto-approve"], environment: gitlab)
            let list = await sim.easel(["log"])
            let runs = try JournalReader.runs(at: sim.directory.appendingPathComponent(".easel/journal.jsonl").path)

            #expect(apply.code == 0, "\(apply.err.suffix(600))")
            #expect(list.out.contains("ada (gitlab)  \(commit.prefix(8))*"), "\(list.out)")
            #expect(list.out.contains("* the repository had uncommitted changes"))
            let header = try #require(runs.first?.header)
            #expect(header.actor == RunActor(name: "ada", via: "gitlab", runUrl: "https://gitlab.example/d/c/-/pipelines/9", pullRequest: "5"))
            #expect(header.git?.dirty == true)
            #expect(runs.first?.end?.outcome == "complete")
        }
    }

    @Test func anUnknownRunIsAnError() async throws {
        try await SimHarness.with { sim in
            let none = await sim.easel(["log"])
            _ = await sim.easel(["apply", Self.school, "--auto-approve"])
            let wrong = await sim.easel(["log", "1999"])
            #expect(none.code == 1)
            #expect(none.err.contains("cannot read the journal"), "\(none.err)")
            #expect(wrong.code == 1)
            #expect(wrong.err.contains("no run '1999'"), "\(wrong.err)")
        }
    }
}
