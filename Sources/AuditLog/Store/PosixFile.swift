#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor with the few operations the file store needs, each checked and retried on EINTR.
/// Sendable: the descriptor never changes and every operation is positional (pread/pwrite), so concurrent use
/// cannot interleave offsets.
final class PosixFile: @unchecked Sendable {
    let descriptor: Int32

    init(path: String, create: Bool, readOnly: Bool = false) throws(AuditError) {
        let flags = (readOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC | (create && !readOnly ? O_CREAT : 0)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { throw AuditError(.storageFailure, "a log file could not be opened") }
        self.descriptor = descriptor
    }

    /// Whether `path` names an existing regular file.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` names an existing directory.
    static func directoryExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Replaces `path` with `bytes` atomically and durably: a new file (mode 0600) is written and synced, renamed
    /// over `path`, and the directory synced.
    static func replaceAtomically(_ path: String, with bytes: [UInt8], directory: String) throws(AuditError) {
        let temporary = path + ".tmp"
        unlink(temporary)
        let file = try PosixFile(path: temporary, create: true)
        try file.write(bytes, at: 0)
        try file.sync()
        guard rename(temporary, path) == 0 else { throw AuditError(.storageFailure, "a log file could not be replaced") }
        try syncDirectory(directory)
    }

    deinit { close(descriptor) }

    func size() throws(AuditError) -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw AuditError(.storageFailure, "a log file could not be examined") }
        return UInt64(info.st_size)
    }

    func read(at offset: UInt64, count: Int) throws(AuditError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        let ok = buffer.withUnsafeMutableBytes { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            while done < count {
                let result = pread(descriptor, base + done, count - done, off_t(offset) + off_t(done))
                if result < 0, errno == EINTR { continue }
                if result <= 0 { return false }
                done += result
            }
            return true
        }
        guard ok else { throw AuditError(.storageFailure, "a log file could not be read") }
        return buffer
    }

    func write(_ bytes: [UInt8], at offset: UInt64) throws(AuditError) {
        var done = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            while done < buffer.count {
                let result = pwrite(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
                if result < 0, errno == EINTR { continue }
                if result <= 0 { return false }
                done += result
            }
            return true
        }
        guard ok else { throw AuditError(.storageFailure, "a log file could not be written") }
    }

    func sync() throws(AuditError) {
        guard fsync(descriptor) == 0 else { throw AuditError(.storageFailure, "a log file could not be synced") }
    }

    func truncate(to length: UInt64) throws(AuditError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw AuditError(.storageFailure, "a log file could not be truncated") }
    }

    /// Takes an exclusive, non-blocking `flock`.
    func lockExclusively() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    /// Releases the `flock`.
    func unlock() { flock(descriptor, LOCK_UN) }

    static func syncDirectory(_ path: String) throws(AuditError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AuditError(.storageFailure, "the log directory could not be opened") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw AuditError(.storageFailure, "the log directory could not be synced") }
    }
}
