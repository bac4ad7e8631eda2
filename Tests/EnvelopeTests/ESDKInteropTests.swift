import CryptoPrimitives
import Envelope
import Foundation
import Testing

/// Messages cross between this library and the AWS Encryption SDK for Python 4.0.7 (`Tests/tooling/envelope/
/// esdk_peer.py`), both directions, over both committing suites, framed and non-framed bodies, frame lengths 1,
/// 4096, 65,536 (our default) and odd sizes, empty and exact-multiple plaintexts, Unicode encryption contexts, raw AES and raw RSA
/// keyrings (every padding) and multi-keyrings; every single-bit flip of a message is refused by both sides; and
/// the SDK's legacy non-committing messages are refused by default and read only when allowed.
@Suite struct ESDKInteropTests {
    struct Case {
        let id: String
        let keyring: String
        let suite: AlgorithmSuite
        let frame: UInt32  // 0: non-framed
        let plaintextLength: Int
        let context: [String: String]
        var bitflip = false
        var legacy = false
    }

    static let unicodeContext = ["tenant": "42", "ключ-😀": "値-ü\u{301}-\u{10FFFF}", "": "empty key", "empty value": ""]

    static var cases: [Case] {
        var cases: [Case] = []
        let suites: [AlgorithmSuite] = [.aes256GCMHKDFSHA512CommitKey, .aes256GCMHKDFSHA512CommitKeyECDSAP384]
        // Framing × length × context over the raw AES keyring.
        for suite in suites {
            for frame: UInt32 in [1, 4096, 1000, 0] {
                for length in [0, 1, 4096, 12_288, 9_999] where !(frame == 1 && length > 4096) {
                    let context = length % 2 == 0 ? unicodeContext : [:]
                    cases.append(Case(id: "f\(frame)-\(suite.rawValue)-\(length)", keyring: "aes", suite: suite, frame: frame, plaintextLength: length, context: context))
                }
            }
        }
        // Our default frame length (64 KiB): below, exactly at, and across several frames, both suites.
        for (index, length) in [65_535, 65_536, 200_001].enumerated() {
            cases.append(Case(id: "default-frame-\(length)", keyring: "aes", suite: suites[index % 2], frame: EncryptionOptions.defaultFrameLength,
                              plaintextLength: length, context: unicodeContext))
        }
        // Every RSA padding, and multi-keyrings in both orders.
        for (index, keyring) in ["rsa-pkcs1", "rsa-oaep-sha1", "rsa-oaep-sha256", "rsa-oaep-sha384", "rsa-oaep-sha512", "multi:aes+rsa-oaep-sha256", "multi:rsa-oaep-sha1+aes"].enumerated() {
            cases.append(Case(id: "k\(index)", keyring: keyring, suite: suites[index % 2], frame: 4096, plaintextLength: 5000 + index, context: unicodeContext))
        }
        // Single-bit flips, both sides, both suites.
        cases.append(Case(id: "flip-signed", keyring: "aes", suite: .aes256GCMHKDFSHA512CommitKeyECDSAP384, frame: 4, plaintextLength: 9, context: ["t": "1"], bitflip: true))
        cases.append(Case(id: "flip-unsigned", keyring: "aes", suite: .aes256GCMHKDFSHA512CommitKey, frame: 0, plaintextLength: 9, context: [:], bitflip: true))
        // Legacy suites, written by Python only.
        for (index, suite) in [AlgorithmSuite.aes128GCMIV12Tag16NoKDF, .aes192GCMIV12Tag16HKDFSHA256, .aes256GCMIV12Tag16HKDFSHA256,
                               .aes128GCMIV12Tag16HKDFSHA256ECDSAP256, .aes192GCMIV12Tag16HKDFSHA384ECDSAP384, .aes256GCMIV12Tag16HKDFSHA384ECDSAP384].enumerated() {
            cases.append(Case(id: "legacy\(index)", keyring: index % 2 == 0 ? "aes" : "rsa-oaep-sha256", suite: suite, frame: index % 3 == 0 ? 0 : 512,
                              plaintextLength: 1500 + index, context: unicodeContext, legacy: true))
        }
        return cases
    }

    static func plaintext(_ length: Int, seed: Int) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 17 &+ ($0 >> 8)) }
    }

    @Test func bothDirectionsWithThePythonSDK() async throws {
        let directory = try EnvelopeSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pem = try EnvelopeSupport.rsaKey.pemRepresentation()
        let pemPath = directory.appendingPathComponent("rsa.pem")
        try pem.withUnsafeBytes { try Data($0).write(to: pemPath) }

        var manifestCases: [[String: Any]] = []
        let cases = Self.cases
        for (index, item) in cases.enumerated() {
            let plaintext = Self.plaintext(item.plaintextLength, seed: index)
            try Data(plaintext).write(to: directory.appendingPathComponent("\(item.id).pt"))
            var entry: [String: Any] = ["id": item.id, "keyring": item.keyring, "suite": Int(item.suite.rawValue), "frame": Int(item.frame),
                                        "context": item.context, "plaintext": "\(item.id).pt", "python_message": "\(item.id).py", "bitflip": item.bitflip, "legacy": item.legacy]
            if !item.legacy {
                let client = EnvelopeClient(keyring: try EnvelopeSupport.keyring(item.keyring))
                let message = try await client.encrypt(plaintext, encryptionContext: item.context,
                                                       options: EncryptionOptions(suite: item.suite, frameLength: item.frame == 0 ? nil : item.frame))
                try Data(message).write(to: directory.appendingPathComponent("\(item.id).swift"))
                entry["swift_message"] = "\(item.id).swift"
            }
            manifestCases.append(entry)
        }
        let manifest: [String: Any] = [
            "dir": directory.path,
            "keys": ["namespace": EnvelopeSupport.namespace, "aes": EnvelopeSupport.aesKey.bytes.unprotectedCopy().map { String(format: "%02x", $0) }.joined(),
                     "aes_name": EnvelopeSupport.aesName, "rsa_name": EnvelopeSupport.rsaName, "rsa_private_pem": pemPath.path],
            "cases": manifestCases,
        ]
        let manifestPath = directory.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestPath)
        let script = EnvelopeSupport.packageRoot.appendingPathComponent("Tests/tooling/envelope/esdk_peer.py").path
        let result = try EnvelopeSupport.run(try EnvelopeSupport.python(), [script, manifestPath.path])
        let summary = String(decoding: result.output, as: UTF8.self)
        try #require(result.status == 0, "esdk_peer.py: \(summary) \(String(decoding: result.error.suffix(3000), as: UTF8.self))")
        print("[interop] aws-encryption-sdk 4.0.7 (Python): \(summary.trimmingCharacters(in: .whitespacesAndNewlines))")

        // Python's messages decrypt here; legacy ones only when allowed; every bit flip of the flip cases is refused.
        var legacyOptions = DecryptionOptions()
        legacyOptions.commitmentPolicy = .requireEncryptAllowDecrypt
        var flipsRefused = 0
        for (index, item) in cases.enumerated() {
            let message = [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(item.id).py")))
            let client = EnvelopeClient(keyring: try EnvelopeSupport.keyring(item.keyring))
            if item.legacy {
                await #expect(throws: EnvelopeError(.unsupportedAlgorithmSuite)) { _ = try await client.decrypt(message) }
            }
            let decrypted = try await client.decrypt(message, options: item.legacy ? legacyOptions : DecryptionOptions())
            #expect(decrypted.plaintext == Self.plaintext(item.plaintextLength, seed: index), "case \(item.id)")
            #expect(decrypted.header.suite == item.suite, "case \(item.id)")
            #expect(decrypted.header.contentType == (item.frame == 0 ? .nonFramed : .framed), "case \(item.id)")
            #expect(item.frame == 0 || decrypted.header.frameLength == (item.frame + 127) / 128 * 128, "case \(item.id)")
            #expect(item.context.allSatisfy { decrypted.header.encryptionContext[$0.key] == $0.value }, "case \(item.id)")
            if item.bitflip {
                for bit in 0..<(message.count * 8) {
                    var variant = message
                    variant[bit / 8] ^= 1 << UInt8(bit % 8)
                    do {
                        _ = try await client.decrypt(variant)
                        Issue.record("case \(item.id): bit \(bit) flipped and the message was still accepted")
                    } catch is EnvelopeError {
                        flipsRefused += 1
                    }
                }
            }
        }
        print("[interop] decrypted \(cases.count) Python messages (\(cases.filter(\.legacy).count) legacy); refused \(flipsRefused) single-bit flips")
        #expect(flipsRefused > 5000)
    }
}
