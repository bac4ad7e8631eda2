import CryptoPrimitives
import Testing
import TestVectorKit

struct MLKEMGroup: Decodable, Sendable {
    let parameterSet: String
    let tests: [MLKEMCase]
}

struct MLKEMCase: Decodable, Sendable {
    let tcId: Int
    let comment: String?
    let flags: [String]
    let seed: HexBytes
    let ek: HexBytes?
    let c: HexBytes
    let K: HexBytes
    let result: WycheproofResult
}

struct MLKEMKeyGenGroup: Decodable, Sendable {
    let parameterSet: String
    let tests: [MLKEMKeyGenCase]
}

struct MLKEMKeyGenCase: Decodable, Sendable {
    let tcId: Int
    let seed: HexBytes
    let ek: HexBytes
    let result: WycheproofResult
}

struct MLKEMEncapsGroup: Decodable, Sendable {
    let parameterSet: String
    let tests: [MLKEMEncapsCase]
}

struct MLKEMEncapsCase: Decodable, Sendable {
    let tcId: Int
    let comment: String?
    let flags: [String]
    let ek: HexBytes
    let c: HexBytes
    let K: HexBytes
    let result: WycheproofResult
}

@Suite("ML-KEM-1024 Wycheproof vectors")
struct MLKEMVectorTests {
    @Test("Key generation from seed and decapsulation (incl. implicit rejection)", arguments: ["mlkem_1024_test.json"])
    func decapsulation(file: String) throws {
        let vectors = try WycheproofFile<MLKEMGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            #expect(group.parameterSet == "ML-KEM-1024")
            for test in group.tests {
                tally.count(test.result)
                switch test.result {
                case .valid:
                    let key = try MLKEM1024.PrivateKey(seed: SecureBytes(copying: test.seed.bytes))
                    if let ek = test.ek { #expect(key.publicKey.rawRepresentation == ek.bytes, "tcId \(test.tcId) ek") }
                    #expect(try key.decapsulate(test.c.bytes).array == test.K.bytes, "tcId \(test.tcId) K")
                case .invalid:
                    // Wrong-length seeds or ciphertexts: refused with a typed error, never a crash.
                    #expect(throws: CryptoError.self, "tcId \(test.tcId) \(test.comment ?? "")") {
                        let key = try MLKEM1024.PrivateKey(seed: SecureBytes(copying: test.seed.bytes))
                        _ = try key.decapsulate(test.c.bytes)
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("Key generation from seed", arguments: ["mlkem_1024_keygen_seed_test.json"])
    func keyGeneration(file: String) throws {
        let vectors = try WycheproofFile<MLKEMKeyGenGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            for test in group.tests {
                tally.count(test.result)
                #expect(test.result == .valid)
                let key = try MLKEM1024.PrivateKey(seed: SecureBytes(copying: test.seed.bytes))
                #expect(key.publicKey.rawRepresentation == test.ek.bytes, "tcId \(test.tcId)")
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    /// swift-crypto has no public deterministic encapsulation, so for valid cases the key is imported and a fresh
    /// encapsulation is checked to have the right shape; every invalid key (wrong length, coefficients not reduced
    /// mod q) must be refused on import (FIPS 203 §7.2 input checks).
    @Test("Encapsulation-key validation", arguments: ["mlkem_1024_encaps_test.json"])
    func encapsulationKeys(file: String) throws {
        let vectors = try WycheproofFile<MLKEMEncapsGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            for test in group.tests {
                tally.count(test.result)
                switch test.result {
                case .valid:
                    let key = try MLKEM1024.PublicKey(rawRepresentation: test.ek.bytes)
                    let (secret, ciphertext) = try key.encapsulate()
                    #expect(secret.count == 32 && ciphertext.count == 1568, "tcId \(test.tcId)")
                case .invalid:
                    #expect(throws: CryptoError.expectedInvalidKey, "tcId \(test.tcId) \(test.comment ?? "")") {
                        _ = try MLKEM1024.PublicKey(rawRepresentation: test.ek.bytes)
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("Encapsulate then decapsulate agree; a changed ciphertext gives a different secret")
    func roundTrip() throws {
        let key = try MLKEM1024.PrivateKey()
        let (secret, ciphertext) = try key.publicKey.encapsulate()
        #expect(try key.decapsulate(ciphertext) == secret)
        var changed = ciphertext
        changed[100] ^= 1
        #expect(try key.decapsulate(changed) != secret)
        #expect(throws: CryptoError.expectedInvalidParameter) { try key.decapsulate(Array(ciphertext.dropLast())) }
        let again = try MLKEM1024.PrivateKey(seed: key.seed)
        #expect(again.publicKey.rawRepresentation == key.publicKey.rawRepresentation)
    }
}
