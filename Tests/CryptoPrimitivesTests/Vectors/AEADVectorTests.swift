import CryptoPrimitives
import Testing
import TestVectorKit

/// Wycheproof `aead_test_schema_v1` files: AES-GCM and ChaCha20-Poly1305.
struct AEADGroup: Decodable, Sendable {
    let ivSize: Int
    let keySize: Int
    let tagSize: Int
    let tests: [AEADCase]
}

struct AEADCase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let key: HexBytes
    let iv: HexBytes
    let aad: HexBytes
    let msg: HexBytes
    let ct: HexBytes
    let tag: HexBytes
    let result: WycheproofResult
}

@Suite("AEAD Wycheproof vectors")
struct AEADVectorTests {
    typealias Seal = @Sendable (_ msg: [UInt8], _ key: SecretKey, _ iv: [UInt8], _ aad: [UInt8]) throws -> AEADSealedBox
    typealias Open = @Sendable (_ box: AEADSealedBox, _ key: SecretKey, _ iv: [UInt8], _ aad: [UInt8]) throws -> SecureBytes

    /// `refusedByDesign` marks valid vectors whose parameters the API deliberately refuses (documented on the
    /// primitive); they must be refused with `invalidParameter`, and are counted apart.
    func run(file: String, seal: Seal, open: Open, refusedByDesign: (AEADGroup) -> Bool = { _ in false }) throws {
        let vectors = try WycheproofFile<AEADGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        var refused = 0
        for group in vectors.testGroups {
            for test in group.tests {
                tally.count(test.result)
                let key = SecretKey(copying: test.key.bytes)
                let box = AEADSealedBox(ciphertext: test.ct.bytes, tag: test.tag.bytes)
                if refusedByDesign(group) {
                    refused += 1
                    #expect(throws: CryptoError.expectedInvalidParameter, "tcId \(test.tcId)") {
                        _ = try seal(test.msg.bytes, key, test.iv.bytes, test.aad.bytes)
                    }
                    #expect(throws: CryptoError.expectedInvalidParameter, "tcId \(test.tcId)") {
                        _ = try open(box, key, test.iv.bytes, test.aad.bytes)
                    }
                    continue
                }
                switch test.result {
                case .valid:
                    let sealed = try seal(test.msg.bytes, key, test.iv.bytes, test.aad.bytes)
                    #expect(sealed.ciphertext == test.ct.bytes, "tcId \(test.tcId) ciphertext")
                    #expect(sealed.tag == test.tag.bytes, "tcId \(test.tcId) tag")
                    let opened = try open(box, key, test.iv.bytes, test.aad.bytes)
                    #expect(opened.array == test.msg.bytes, "tcId \(test.tcId) plaintext")
                case .invalid:
                    #expect(throws: CryptoError.self, "tcId \(test.tcId) \(test.comment) must be rejected") {
                        _ = try open(box, key, test.iv.bytes, test.aad.bytes)
                    }
                    // An invalid nonce must be refused for sealing too, never silently accepted.
                    if test.flags.contains("ZeroLengthIv") || test.flags.contains("InvalidNonceSize") {
                        #expect(throws: CryptoError.self, "tcId \(test.tcId) seal with a bad nonce") {
                            _ = try seal(test.msg.bytes, key, test.iv.bytes, test.aad.bytes)
                        }
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected in \(file)")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
        if refused > 0 { print("[vectors] Wycheproof \(file): \(refused) of them refused by design (see the API docs)") }
    }

    @Test("AES-GCM (128/192/256-bit keys, all nonce lengths)", arguments: ["aes_gcm_test.json"])
    func aesGCM(file: String) throws {
        try run(
            file: file,
            seal: { try AES.GCM.seal($0, key: $1, nonce: $2, authenticating: $3) },
            open: { try AES.GCM.open($0, key: $1, nonce: $2, authenticating: $3) },
            // libcrypto caps GCM nonces at 128 bytes; Wycheproof's 2,056-bit nonces are above it.
            refusedByDesign: { $0.ivSize > AES.GCM.maximumNonceByteCount * 8 }
        )
    }

    @Test("ChaCha20-Poly1305 (IETF)", arguments: ["chacha20_poly1305_test.json"])
    func chaChaPoly(file: String) throws {
        try run(
            file: file,
            seal: { try ChaChaPoly.seal($0, key: $1, nonce: $2, authenticating: $3) },
            open: { try ChaChaPoly.open($0, key: $1, nonce: $2, authenticating: $3) }
        )
    }
}
