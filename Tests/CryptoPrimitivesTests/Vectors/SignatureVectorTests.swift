import CryptoPrimitives
import Testing
import TestVectorKit

struct SignatureGroup: Decodable, Sendable {
    let publicKeyDer: HexBytes
    let sha: String
    let sLen: Int?
    let tests: [ECDSACase]
}

@Suite("Signatures with a chosen digest: ECDSA (DER and IEEE P1363), RSA-PSS, RSA PKCS#1 v1.5")
struct SignatureVectorTests {
    static func digest(_ name: String) throws -> MessageDigest {
        switch name {
        case "SHA-256": .sha2_256
        case "SHA-384": .sha2_384
        case "SHA-512": .sha2_512
        default: throw CryptoError(.unsupported, "digest not used by these vectors")
        }
    }

    @Test("ECDSA with any digest", arguments: [
        ("ecdsa_secp384r1_sha256_test.json", ECDSA.Curve.p384, ECDSA.SignatureEncoding.der),
        ("ecdsa_secp256r1_sha512_test.json", .p256, .der),
        ("ecdsa_secp384r1_sha384_p1363_test.json", .p384, .raw),
        ("ecdsa_secp256r1_sha256_p1363_test.json", .p256, .raw),
    ])
    func ecdsa(file: String, curve: ECDSA.Curve, encoding: ECDSA.SignatureEncoding) throws {
        let vectors = try WycheproofFile<SignatureGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try ECDSA.PublicKey(spkiDER: group.publicKeyDer.bytes, curve: curve)
            let digest = try Self.digest(group.sha)
            for test in group.tests {
                tally.count(test.result)
                let verified = key.isValidSignature(test.sig.bytes, for: test.msg.bytes, digest: digest, encoding: encoding)
                #expect(verified == (test.result == .valid), "tcId \(test.tcId) \(test.comment)")
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("RSASSA-PSS", arguments: ["rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_4096_sha512_mgf1_64_test.json"])
    func pss(file: String) throws {
        let vectors = try WycheproofFile<SignatureGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try RSA.PublicKey(spkiDER: group.publicKeyDer.bytes)
            let digest = try Self.digest(group.sha)
            for test in group.tests {
                tally.count(test.result)
                let exact = key.isValidSignature(test.sig.bytes, for: test.msg.bytes, digest: digest, padding: .pss(saltLength: group.sLen))
                #expect(exact == (test.result == .valid), "tcId \(test.tcId) \(test.comment)")
                if test.result == .valid {
                    // Vault's "auto" salt length detects the salt when verifying.
                    #expect(key.isValidSignature(test.sig.bytes, for: test.msg.bytes, digest: digest, padding: .pss(saltLength: nil)), "tcId \(test.tcId) auto")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    /// `MissingNull` (a DigestInfo without the NULL parameters) is refused: libcrypto compares the full encoding.
    @Test("RSASSA-PKCS1-v1_5", arguments: ["rsa_signature_2048_sha256_test.json", "rsa_signature_4096_sha512_test.json"])
    func pkcs1(file: String) throws {
        let vectors = try WycheproofFile<SignatureGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try RSA.PublicKey(spkiDER: group.publicKeyDer.bytes)
            let digest = try Self.digest(group.sha)
            for test in group.tests {
                tally.count(test.result)
                let verified = key.isValidSignature(test.sig.bytes, for: test.msg.bytes, digest: digest, padding: .pkcs1v15)
                switch test.result {
                case .valid: #expect(verified, "tcId \(test.tcId) \(test.comment)")
                case .invalid: #expect(!verified, "tcId \(test.tcId) \(test.comment)")
                case .acceptable:
                    if policy(for: test.flags, in: [("MissingNull", .reject)], suite: file, tcId: test.tcId) == .reject {
                        #expect(!verified, "tcId \(test.tcId) \(test.flags)")
                    }
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("Signing round trips for every digest, both encodings, both RSA paddings; prehashed equals hashed")
    func roundTrips() throws {
        let message = Array("transit sign".utf8)
        for curve in [ECDSA.Curve.p256, .p384] {
            let key = try ECDSA.PrivateKey.generate(curve: curve)
            let publicKey = try key.publicKey
            for digest in [MessageDigest.sha2_256, .sha2_384, .sha2_512, .sha3_256] {
                for encoding in [ECDSA.SignatureEncoding.der, .raw] {
                    let signature = try key.signature(for: message, digest: digest, encoding: encoding)
                    if encoding == .raw { #expect(signature.count == 2 * curve.coordinateByteCount) }
                    #expect(publicKey.isValidSignature(signature, for: message, digest: digest, encoding: encoding))
                    #expect(publicKey.isValidSignature(signature, forDigest: digest.hash(message), algorithm: digest, encoding: encoding))
                    #expect(!publicKey.isValidSignature(signature, for: message + [0], digest: digest, encoding: encoding))
                }
            }
            let pem = try key.sec1PEMRepresentation().unprotectedCopy()
            #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
        }
        let rsa = try RSA.PrivateKey.generate(bits: 2048)
        let rsaPublic = try rsa.publicKey
        for padding in [RSA.SignaturePadding.pss(saltLength: nil), .pss(saltLength: 32), .pkcs1v15] {
            let signature = try rsa.signature(for: message, digest: .sha2_256, padding: padding)
            #expect(rsaPublic.isValidSignature(signature, for: message, digest: .sha2_256, padding: padding))
            #expect(!rsaPublic.isValidSignature(signature, for: message, digest: .sha2_512, padding: padding))
        }
        #expect(String(decoding: try rsa.pkcs1PEMRepresentation().unprotectedCopy(), as: UTF8.self).hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(MessageDigest.sha3_256.hash([UInt8]()) == (try hex("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")))
        #expect(MessageDigest.sha2_224.hash(Array("abc".utf8)) == (try hex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")))
    }
}
