import Foundation
import Testing

/// Finds the tools the interop tests run: the built `signal-peer` and the Python of `.venv/`.
enum InteropTools {
    /// The package root, from this file's location.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `signal-peer`, built next to the test binary (or in `$CHATSEC_BIN_DIR`).
    static func signalPeer() throws -> String {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["CHATSEC_BIN_DIR"] { candidates.append(URL(fileURLWithPath: dir)) }
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let path = directory.appendingPathComponent("signal-peer").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(what: "signal-peer (build it with `swift build --build-tests`)")
    }

    /// The Python of `.venv/signal` with python-axolotl installed (`Tests/tooling/run-tests` creates it).
    static func python() throws -> String {
        let path = ProcessInfo.processInfo.environment["CHATSEC_SIGNAL_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/signal/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(what: "the Python venv with the interop peers (run Tests/tooling/run-tests)")
        }
        return path
    }

    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "missing \(what)" }
    }

    /// Runs a command, returning its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        // python-axolotl logs to stderr; the scenario's JSON on stdout carries every failure.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
