import Foundation
import Redaction

/// Shared helpers: the interop Python, the chatsec binary, subprocesses.
enum RedactionSupport {
    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "missing: \(what)" }
    }

    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The Python of the redaction venv (`.venv/redaction`, prepared by Tests/tooling/run-tests).
    static func python() throws -> String {
        if let path = ProcessInfo.processInfo.environment["CHATSEC_REDACTION_PYTHON"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let local = packageRoot.appendingPathComponent(".venv/redaction/bin/python").path
        if FileManager.default.isExecutableFile(atPath: local) { return local }
        throw Missing(what: "the redaction venv (.venv/redaction; run Tests/tooling/run-tests once)")
    }

    static func tooling(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/tooling/redaction/\(name)").path
    }

    static func binary(_ name: String) throws -> String {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["CHATSEC_BIN_DIR"] { candidates.append(URL(fileURLWithPath: directory)) }
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let path = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(what: "\(name) (build it with `swift build --build-tests`)")
    }

    /// Runs a program; returns status, standard output and standard error.
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        let errorCollector = OutputCollector(errors.fileHandleForReading)
        if let input {
            Thread.detachNewThread {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, String(decoding: errorCollector.data(), as: UTF8.self))
    }

    /// The scanned text of a finding (tests only).
    static func text(_ source: String, _ finding: Finding) -> String {
        let utf8 = Array(source.utf8)
        return String(decoding: utf8[finding.span.utf8], as: UTF8.self)
    }

    /// A deterministic random generator for sample generation.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// Reads a pipe to its end on its own thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { collected = all }
            done.signal()
        }
    }

    func data() -> Data {
        done.wait()
        return lock.withLock { collected }
    }
}
