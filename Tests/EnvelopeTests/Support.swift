import CryptoPrimitives
import Envelope
import Foundation
import Testing

/// Paths, processes and fixtures shared by the envelope tests.
enum EnvelopeSupport {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "missing \(what)" }
    }

    /// The Python of `.venv/peers` (aws-encryption-sdk 4.0.7 among the peers), created by `Tests/tooling/run-tests`.
    static func python() throws -> String {
        let path = ProcessInfo.processInfo.environment["CHATSEC_PEERS_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(what: "the peers' Python venv (run Tests/tooling/run-tests)") }
        return path
    }

    /// A product built next to the test binary (or in `$CHATSEC_BIN_DIR`).
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

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("envelope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a process to completion; returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        let errorCollector = Collector(errors.fileHandleForReading)
        if let input {
            Thread.detachNewThread {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, errorCollector.data())
    }

    /// A 2048-bit RSA key generated once per test process (generation is slow in debug builds).
    static let rsaKey: RSA.PrivateKey = {
        do { return try RSA.PrivateKey.generate(bits: 2048) } catch { preconditionFailure("RSA key generation failed in the test fixture") }
    }()

    /// A fixed 32-byte AES wrapping key.
    static let aesKey = SecretKey(copying: (0..<32).map { UInt8($0 &* 7 &+ 3) })

    static let namespace = "chatsec-interop"
    static let aesName = "aes-key-1"
    static let rsaName = "rsa-key-1"

    /// The keyring a case names: `aes`, `rsa-<padding>`, or `multi:<generator>+<child>`.
    static func keyring(_ name: String) throws -> any Keyring {
        if name == "aes" { return try RawAESKeyring(keyNamespace: namespace, keyName: aesName, wrappingKey: aesKey) }
        if name.hasPrefix("rsa-"), let padding = RawRSAKeyring.Padding(rawValue: String(name.dropFirst(4))) {
            return try RawRSAKeyring(keyNamespace: namespace, keyName: rsaName, padding: padding, privateKey: rsaKey)
        }
        if name.hasPrefix("multi:") {
            let parts = name.dropFirst(6).split(separator: "+").map(String.init)
            return try MultiKeyring(generator: try keyring(parts[0]), children: try parts.dropFirst().map { try keyring($0) })
        }
        throw Missing(what: "keyring \(name)")
    }
}

/// Reads a pipe to its end on a background thread.
final class Collector: @unchecked Sendable {
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
