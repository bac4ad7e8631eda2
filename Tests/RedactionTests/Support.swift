import Foundation
import ProcessTestSupport
import Redaction

/// Shared helpers: the interop Python, the chatsec binary, subprocesses.
enum RedactionSupport {
    typealias Missing = TestProcess.Missing

    static var packageRoot: URL { TestProcess.packageRoot }

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

    static func binary(_ name: String) throws -> String { try TestProcess.binary(name) }

    /// Runs a program; returns status, standard output and standard error (as text).
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: Data, error: String) {
        let result = try TestProcess.run(executable, arguments, input: input)
        return (result.status, result.output, String(decoding: result.error, as: UTF8.self))
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
