import Foundation
import Testing

/// The real `keyserviced` daemon against independent clients and hostile use, driven by the Python scripts in
/// `Tests/tooling/keyservice/` (hvac 2.4.0, Tink 1.16, `cryptography`, pyshamir; see each script's docstring).
/// Every scenario starts its own daemon(s) over HTTP; PostgreSQL scenarios use the suite's throwaway server.
@Suite(.serialized) struct KeyServiceInteropTests {
    @Test(arguments: ["hvac_transit", "hvac_sys", "tink", "oracle", "pyshamir", "tls"])
    func interop(scenario: String) throws {
        try KeyServiceInterop.run(script: "interop.py", scenario: scenario)
    }

    @Test(arguments: ["policy_denied", "namespaces", "fuzz"])
    func isolationAndBadInput(scenario: String) throws {
        try KeyServiceInterop.run(script: "abuse.py", scenario: scenario)
    }

    @Test(arguments: ["file_kill", "postgres_kill", "postgres_shared"])
    func durability(scenario: String) throws {
        try KeyServiceInterop.run(script: "durability.py", scenario: scenario)
    }
}

/// Finds `keyserviced` and the peers' Python, and runs one scenario.
enum KeyServiceInterop {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "missing \(what)" }
    }

    /// `keyserviced`, built next to the test binary (or in `$CHATSEC_BIN_DIR`).
    static func daemon() throws -> String {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["CHATSEC_BIN_DIR"] { candidates.append(URL(fileURLWithPath: directory)) }
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let path = directory.appendingPathComponent("keyserviced").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(what: "keyserviced (build it with `swift build --build-tests`)")
    }

    /// The Python of `.venv/peers` (hvac, tink, pyshamir, cryptography), created by `Tests/tooling/run-tests`.
    static func python() throws -> String {
        let path = ProcessInfo.processInfo.environment["CHATSEC_PEERS_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(what: "the peers' Python venv (run Tests/tooling/run-tests)") }
        return path
    }

    static func run(script: String, scenario: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        let scriptPath = packageRoot.appendingPathComponent("Tests/tooling/keyservice/\(script)").path
        process.arguments = [scriptPath, "--keyserviced", try daemon(), "--only", scenario]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain stderr concurrently so a chatty failure cannot block the child on a full pipe.
        let errorText = ErrorCollector(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }).map(String.init) ?? ""
        let result = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        #expect(process.terminationStatus == 0 && result?["ok"] as? Bool == true,
                "\(script) \(scenario): \(line)\n\(errorText.text().suffix(4000))", sourceLocation: sourceLocation)
        print("keyservice \(scenario): \(line)")
    }
}

/// Reads a pipe to its end on a background thread.
final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { data = all }
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
