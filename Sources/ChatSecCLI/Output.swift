import Foundation

/// Printing: human text or one JSON object, on standard output; diagnostics on standard error.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// One JSON object with sorted keys.
    static func json(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Whether standard error is a terminal (progress bars only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// A progress bar on standard error.
    static func progress(_ done: UInt64, _ total: UInt64) {
        guard total > 0 else { return }
        let width = 40
        let filled = Int(Double(done) / Double(total) * Double(width))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let percent = Int(Double(done) / Double(total) * 100)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Reads a small text file (keys, notes).
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationFailure("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a file atomically and durably with owner-only permissions: a new temporary file is created with mode
    /// 0600 (never readable by others, even for a moment), written and synced, renamed over `path`, and the
    /// directory synced. With `exclusive`, an existing `path` is an error (keys are never overwritten).
    static func writeFile(_ bytes: [UInt8], to path: String, exclusive: Bool = false) throws {
        if exclusive, FileManager.default.fileExists(atPath: path) { throw ValidationFailure("\(path) exists already") }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationFailure("cannot create a file next to \(path)") }
        var ok = true
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + done, buffer.count - done)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { ok = false; return }
                done += written
            }
        }
        ok = ok && fsync(descriptor) == 0
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ValidationFailure("cannot write \(path)")
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

/// A usage or input problem, printed without a stack trace (exit code 2).
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
