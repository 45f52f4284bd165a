import CanvasAPI
import Synchronization

/// Custom course roles by label, read once per runner from
/// `GET /accounts/:id/roles?show_inherited=true` (the account's roles and its parents').
final class RoleCache: Sendable {
    private let loading = Mutex<Task<[String: CanvasRole], any Error>?>(nil)

    /// The active custom role labelled `label`, or nil when Canvas has none.
    func role(_ label: String, client: CanvasClient, account: CanvasRef) async throws -> CanvasRole? {
        let task = loading.withLock { current in
            if let current { return current }
            let task = Task {
                let roles = try await client.roles(account: account, showInherited: true)
                let custom = roles.filter {
                    $0.workflowState == "active" && EnrollmentType(rawValue: $0.baseRoleType ?? "") != nil
                }
                let labelled = custom.compactMap { role in role.label.map { ($0, role) } }
                return Dictionary(labelled, uniquingKeysWith: { a, _ in a })
            }
            current = task
            return task
        }
        do {
            return try await task.value[label]
        } catch {
            // A failed read is not cached: the next enrollment tries again.
            loading.withLock { current in if current == task { current = nil } }
            throw error
        }
    }
}
