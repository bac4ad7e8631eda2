import CryptoPrimitives
import Testing
import TestVectorKit

struct KeyWrapGroup: Decodable, Sendable {
    let keySize: Int
    let tests: [KeyWrapCase]
}

struct KeyWrapCase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let key: HexBytes
    let msg: HexBytes
    let ct: HexBytes
    let result: WycheproofResult
}

@Suite("AES key wrap with padding (RFC 5649) Wycheproof vectors")
struct AESKeyWrapVectorTests {
    @Test("AES-KWP", arguments: ["aes_kwp_test.json"])
    func keyWrapWithPadding(file: String) throws {
        let vectors = try WycheproofFile<KeyWrapGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            for test in group.tests {
                tally.count(test.result)
                let kek = SecretKey(copying: test.key.bytes)
                switch test.result {
                case .valid:
                    #expect(try AES.KeyWrap.wrap(test.msg.bytes, kek: kek) == test.ct.bytes, "tcId \(test.tcId) wrap")
                    #expect(try AES.KeyWrap.unwrap(test.ct.bytes, kek: kek).array == test.msg.bytes, "tcId \(test.tcId) unwrap")
                case .invalid:
                    #expect(throws: CryptoError.expectedAuthenticationFailure, "tcId \(test.tcId) \(test.comment)") {
                        _ = try AES.KeyWrap.unwrap(test.ct.bytes, kek: kek)
                    }
                case .acceptable:
                    Issue.record("tcId \(test.tcId): no acceptable cases expected")
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }
}
