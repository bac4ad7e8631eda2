import CryptoPrimitives
import Testing
import TestVectorKit

struct RSAOAEPGroup: Decodable, Sendable {
    let keySize: Int
    let sha: String
    let mgfSha: String
    let privateKeyPkcs8: HexBytes
    let tests: [RSAOAEPCase]
}

struct RSAOAEPCase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: HexBytes
    let ct: HexBytes
    let label: HexBytes
    let result: WycheproofResult
}

@Suite("RSA-OAEP Wycheproof vectors")
struct RSAOAEPVectorTests {
    static let files = [
        "rsa_oaep_2048_sha1_mgf1sha1_test.json",
        "rsa_oaep_2048_sha256_mgf1sha1_test.json",
        "rsa_oaep_2048_sha256_mgf1sha256_test.json",
        "rsa_oaep_2048_sha384_mgf1sha384_test.json",
        "rsa_oaep_2048_sha512_mgf1sha512_test.json",
        "rsa_oaep_3072_sha256_mgf1sha1_test.json",
        "rsa_oaep_3072_sha256_mgf1sha256_test.json",
        "rsa_oaep_4096_sha256_mgf1sha1_test.json",
        "rsa_oaep_4096_sha256_mgf1sha256_test.json",
        "rsa_oaep_4096_sha512_mgf1sha512_test.json",
    ]

    static func digest(_ name: String) throws -> RSA.Digest {
        switch name {
        case "SHA-1": .sha1
        case "SHA-256": .sha256
        case "SHA-384": .sha384
        case "SHA-512": .sha512
        default: throw CryptoError(.unsupported, "digest not used by these vectors")
        }
    }

    @Test("RSA-OAEP decryption", arguments: files)
    func oaep(file: String) throws {
        let vectors = try WycheproofFile<RSAOAEPGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try RSA.PrivateKey(pkcs8DER: group.privateKeyPkcs8.bytes)
            #expect(key.keySizeInBits == group.keySize)
            let digest = try Self.digest(group.sha)
            let mgf = try Self.digest(group.mgfSha)
            let publicKey = try key.publicKey
            for test in group.tests {
                tally.count(test.result)
                switch test.result {
                case .valid:
                    let plaintext = try key.decryptOAEP(test.ct.bytes, digest: digest, mgf1Digest: mgf, label: test.label.bytes)
                    #expect(plaintext.array == test.msg.bytes, "tcId \(test.tcId)")
                    // Our own encryption of the same message decrypts to it (OAEP is randomized).
                    let ours = try publicKey.encryptOAEP(test.msg.bytes, digest: digest, mgf1Digest: mgf, label: test.label.bytes)
                    #expect(try key.decryptOAEP(ours, digest: digest, mgf1Digest: mgf, label: test.label.bytes).array == test.msg.bytes)
                case .invalid:
                    #expect(throws: CryptoError.expectedAuthenticationFailure, "tcId \(test.tcId) \(test.comment)") {
                        _ = try key.decryptOAEP(test.ct.bytes, digest: digest, mgf1Digest: mgf, label: test.label.bytes)
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }
}
