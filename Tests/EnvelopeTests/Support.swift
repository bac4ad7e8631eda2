import CryptoPrimitives
import Envelope
import Foundation
import ProcessTestSupport
import Testing

/// Paths, processes and fixtures shared by the envelope tests.
enum EnvelopeSupport {
    static var packageRoot: URL { TestProcess.packageRoot }

    typealias Missing = TestProcess.Missing

    /// The Python of `.venv/peers` (aws-encryption-sdk 4.0.7 among the peers), created by `Tests/tooling/run-tests`.
    static func python() throws -> String {
        let path = ProcessInfo.processInfo.environment["CHATSEC_PEERS_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(what: "the peers' Python venv (run Tests/tooling/run-tests)") }
        return path
    }

    /// A product built next to the test binary (or in `$CHATSEC_BIN_DIR`).
    static func binary(_ name: String) throws -> String { try TestProcess.binary(name) }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("envelope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a process to completion; returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: Data, error: Data) {
        try TestProcess.run(executable, arguments, input: input, environment: environment)
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
