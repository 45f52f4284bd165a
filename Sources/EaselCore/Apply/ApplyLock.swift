import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One apply at a time in a working directory: an exclusive `flock(2)` on
/// `.easel/apply.lock`, held until the apply ends (or its process dies: the kernel lets go).
///
/// The holder writes who it is into the file, so a second apply can say whom it waits for.
public final class ApplyLock: Sendable {
    public let path: String
    private let fd: Int32

    /// Who holds the lock, as its holder wrote it.
    public struct Holder: Codable, Sendable, CustomStringConvertible {
        public var pid: Int32
        public var user: String
        public var host: String
        public var since: String

        public var description: String { "process \(pid) of \(user) on \(host), since \(since)" }
    }

    public struct Busy: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var holder: Holder?
        public var waited: Duration

        public var description: String {
            let who = holder.map { "by \($0)" } ?? "by another process"
            let wait = waited >= .seconds(1) ? " (waited \(waited.components.seconds) s)" : ""
            return "another easel apply is running here: '\(path)' is held \(who)\(wait); "
                + "let it finish, or pass --lock-timeout (e.g. 5m) to wait for it"
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Takes the lock, waiting up to `timeout` (polling) for another holder to let go.
    public init(path: String, timeout: Duration = .zero, environment: [String: String] = [:]) async throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "cannot create '\(directory)' for the apply lock: \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "cannot open the apply lock '\(path)': \(FileDescriptorWriter.Failure(errno: errno))")
        }
        let began = ContinuousClock.now
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw Failure(description: "cannot lock '\(path)': \(FileDescriptorWriter.Failure(errno: code))")
            }
            let waited = ContinuousClock.now - began
            if waited >= timeout {
                let holder = Self.readHolder(fd)
                close(fd)
                throw Busy(path: path, holder: holder, waited: waited)
            }
            do {
                try await Task.sleep(for: min(.milliseconds(200), timeout - waited))
            } catch {
                close(fd)
                throw error
            }
        }
        self.path = path
        self.fd = fd
        let holder = Holder(
            pid: getpid(), user: environment["USER"] ?? environment["LOGNAME"] ?? "uid \(getuid())",
            host: ProcessInfo.processInfo.hostName,
            since: ConfigDate(epochSeconds: Int64(Date().timeIntervalSince1970)).iso8601)
        if let data = try? JSONEncoder().encode(holder) {
            _ = ftruncate(fd, 0)
            _ = try? FileDescriptorWriter.write(fd, data)
        }
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> Holder? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = pread(fd, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(bytes[0..<count]))
    }
}
