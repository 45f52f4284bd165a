import EaselCore
import Testing

@Suite struct ReadErrorTests {
    @Test func anUnknownAccountSaysWhatToChange() async throws {
        try await EndToEnd.run { e2e in
            let text = "version: 1\ncanvas: {account: 'sis_account_id:NOPE'}\n"
            let error = await #expect(throws: LiveReadError.self) { try await e2e.plan(text) }
            #expect(error?.message.hasPrefix("canvas has no account 'sis_account_id:NOPE' (canvas.account)") == true)
        }
    }
}
