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

    /// Writes a file atomically with owner-only permissions.
    static func writeSecret(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data(bytes).write(to: url, options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}

/// A usage or input problem, printed without a stack trace (exit code 2).
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
