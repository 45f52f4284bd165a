#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file descriptor with `write(2)`, reporting failure as a value.
///
/// `FileHandle.write(_:)` traps on a closed pipe or a full disk; easel must say so instead.
public enum FileDescriptorWriter {
    /// Why a write did not finish.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var errno: Int32
        public init(errno: Int32) { self.errno = errno }
        /// The reader went away (`EPIPE`): `easel render | head -1`.
        public var isClosedPipe: Bool { errno == EPIPE }
        public var description: String { String(cString: strerror(errno)) }
    }

    /// Writes all of `bytes` (retrying short writes and `EINTR`).
    public static func write(_ fd: Int32, _ bytes: some Collection<UInt8>) throws(Failure) {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let written = array.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw Failure(errno: code)
            }
            if written == 0 { throw Failure(errno: EIO) }
            offset += written
        }
    }
}
