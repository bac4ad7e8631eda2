import CryptoPrimitives
import Testing
import TestVectorKit

struct HKDFGroup: Decodable, Sendable {
    let keySize: Int
    let tests: [HKDFCase]
}

struct HKDFCase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let ikm: HexBytes
    let salt: HexBytes
    let info: HexBytes
    let size: Int
    let okm: HexBytes
    let result: WycheproofResult
}

@Suite("HMAC and HKDF vectors")
struct HKDFVectorTests {
    func runWycheproof<H: HashFunction>(_ file: String, _ hash: H.Type) throws {
        let vectors = try WycheproofFile<HKDFGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            for test in group.tests {
                tally.count(test.result)
                switch test.result {
                case .valid:
                    let okm = try HKDF<H>.deriveKey(inputKeyMaterial: test.ikm.bytes, salt: test.salt.bytes, info: test.info.bytes, outputByteCount: test.size)
                    #expect(okm.array == test.okm.bytes, "tcId \(test.tcId)")
                case .invalid:
                    #expect(throws: CryptoError.expectedInvalidParameter, "tcId \(test.tcId) \(test.comment)") {
                        _ = try HKDF<H>.deriveKey(inputKeyMaterial: test.ikm.bytes, salt: test.salt.bytes, info: test.info.bytes, outputByteCount: test.size)
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("Wycheproof HKDF-SHA-256", arguments: ["hkdf_sha256_test.json"])
    func hkdfSHA256(file: String) throws { try runWycheproof(file, SHA256.self) }

    @Test("Wycheproof HKDF-SHA-512", arguments: ["hkdf_sha512_test.json"])
    func hkdfSHA512(file: String) throws { try runWycheproof(file, SHA512.self) }

    @Test("RFC 5869 Appendix A (SHA-256): PRK and OKM", arguments: ["rfc/rfc5869-hkdf-sha256.txt"])
    func rfc5869(file: String) throws {
        var tally = VectorTally("RFC 5869 \(file)")
        for record in KeyValueVectors.parse(try TestVectors.text(file)) {
            #expect(record.string("HASH") == "SHA-256")
            let ikm = try record.bytes("IKM")
            let salt = try record.bytes("SALT")
            let info = try record.bytes("INFO")
            let length = try #require(Int(record.string("L") ?? ""))
            let prk = HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: salt)
            #expect(prk.array == (try record.bytes("PRK")))
            let okm = try HKDF<SHA256>.expand(pseudoRandomKey: prk, info: info, outputByteCount: length)
            #expect(okm.array == (try record.bytes("OKM")))
            tally.countValid()
        }
        tally.report(expectedTotal: 3)
    }

    @Test("RFC 4231 HMAC", arguments: ["rfc/rfc4231-hmac-sha256.txt", "rfc/rfc4231-hmac-sha512.txt"])
    func rfc4231(file: String) throws {
        var tally = VectorTally("RFC 4231 \(file)")
        let is512 = file.contains("sha512")
        for record in KeyValueVectors.parse(try TestVectors.text(file)) {
            let key = try record.bytes("KEY")
            let message = try record.bytes("MSG")
            let expected = try record.bytes("MD")
            let mac = is512 ? SHA512.authenticationCode(key: key, message: message) : SHA256.authenticationCode(key: key, message: message)
            #expect(mac.array == expected)
            tally.countValid()
        }
        tally.report(expectedTotal: 6)
    }

    @Test("Truncated HMAC tags verify in constant time and reject any change")
    func truncatedTags() throws {
        let key = [UInt8](repeating: 7, count: 32)
        let parts: [[UInt8]] = [[1, 2, 3], [4, 5]]
        let full = SHA256.authenticationCode(key: key, parts: parts).array
        #expect(full == SHA256.authenticationCode(key: key, message: [1, 2, 3, 4, 5]).array)
        #expect(SHA256.isValidAuthenticationCode(Array(full.prefix(8)), key: key, parts: parts))
        var wrong = Array(full.prefix(8))
        wrong[7] ^= 0x80
        #expect(!SHA256.isValidAuthenticationCode(wrong, key: key, parts: parts))
        #expect(!SHA256.isValidAuthenticationCode(Array(full.prefix(3)), key: key, parts: parts))
        #expect(!SHA256.isValidAuthenticationCode(full + [0], key: key, parts: parts))
    }
}
