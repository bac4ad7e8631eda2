import CryptoPrimitives
import Testing
import TestVectorKit

struct ECDSAGroup: Decodable, Sendable {
    struct Key: Decodable, Sendable { let curve: String; let uncompressed: HexBytes }
    let publicKey: Key
    let publicKeyDer: HexBytes
    let sha: String
    let tests: [ECDSACase]
}

struct ECDSACase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: HexBytes
    let sig: HexBytes
    let result: WycheproofResult
}

@Suite("ECDSA Wycheproof vectors (DER signatures)")
struct ECDSAVectorTests {
    @Test("ECDSA verification", arguments: [
        ("ecdsa_secp384r1_sha384_test.json", ECDSA.Curve.p384),
        ("ecdsa_secp256r1_sha256_test.json", ECDSA.Curve.p256),
    ])
    func verify(file: String, curve: ECDSA.Curve) throws {
        let vectors = try WycheproofFile<ECDSAGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try ECDSA.PublicKey(spkiDER: group.publicKeyDer.bytes, curve: curve)
            #expect(try key.x962Representation == group.publicKey.uncompressed.bytes)
            #expect(try ECDSA.PublicKey(x962Representation: group.publicKey.uncompressed.bytes, curve: curve).spkiDERRepresentation == group.publicKeyDer.bytes)
            for test in group.tests {
                tally.count(test.result)
                let verified = key.isValidSignature(test.sig.bytes, for: test.msg.bytes)
                switch test.result {
                case .valid: #expect(verified, "tcId \(test.tcId) \(test.comment)")
                case .invalid: #expect(!verified, "tcId \(test.tcId) \(test.comment)")
                case .acceptable: Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }
}
