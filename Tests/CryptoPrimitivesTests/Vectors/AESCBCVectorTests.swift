import CryptoPrimitives
import Testing
import TestVectorKit

@Suite("AES-256-CBC NIST CAVP vectors")
struct AESCBCVectorTests {
    static let knownAnswerFiles = [
        "nist/CBCGFSbox256.rsp", "nist/CBCKeySbox256.rsp", "nist/CBCVarKey256.rsp",
        "nist/CBCVarTxt256.rsp", "nist/CBCMMT256.rsp",
    ]

    @Test("Known-answer and multi-block tests, both directions", arguments: knownAnswerFiles)
    func knownAnswers(file: String) throws {
        var tally = VectorTally("NIST \(file)")
        for record in KeyValueVectors.parse(try TestVectors.text(file)) where record.string("KEY") != nil {
            let key = SecretKey(copying: try record.bytes("KEY"))
            let iv = try record.bytes("IV")
            let plaintext = try record.bytes("PLAINTEXT")
            let ciphertext = try record.bytes("CIPHERTEXT")
            if record.section == "ENCRYPT" {
                #expect(try AES.CBC.encrypt(plaintext, key: key, iv: iv, padding: .none) == ciphertext)
            } else {
                #expect(try AES.CBC.decrypt(ciphertext, key: key, iv: iv, padding: .none).array == plaintext)
            }
            // With PKCS#7 the vector's blocks come first, followed by one full padding block.
            let padded = try AES.CBC.encrypt(plaintext, key: key, iv: iv)
            #expect(Array(padded.prefix(ciphertext.count)) == ciphertext)
            #expect(padded.count == ciphertext.count + 16)
            #expect(try AES.CBC.decrypt(padded, key: key, iv: iv).array == plaintext)
            tally.countValid()
        }
        tally.report()
    }

    /// AESAVS §6.4.2 Monte Carlo test for CBC. Each record gives one outer round's key, IV and first input; the
    /// round runs 1,000 chained single-block CBC operations:
    /// encrypt `CT[j] = E(K, PT[j] ⊕ (j = 0 ? IV : CT[j−1]))`, `PT[j+1] = (j = 0 ? IV : CT[j−1])`;
    /// decrypt `PT[j] = D(K, CT[j]) ⊕ (j = 0 ? IV : CT[j−1])`, `CT[j+1] = (j = 0 ? IV : PT[j−1])`.
    @Test("Monte Carlo test", arguments: ["nist/CBCMCT256.rsp"])
    func monteCarlo(file: String) throws {
        var tally = VectorTally("NIST \(file)")
        for record in KeyValueVectors.parse(try TestVectors.text(file)) where record.string("KEY") != nil {
            let key = SecretKey(copying: try record.bytes("KEY"))
            let iv = try record.bytes("IV")
            let encrypting = record.section == "ENCRYPT"
            var input = try record.bytes(encrypting ? "PLAINTEXT" : "CIPHERTEXT")
            let expected = try record.bytes(encrypting ? "CIPHERTEXT" : "PLAINTEXT")
            var chain = iv
            var previousOutput = [UInt8]()
            for j in 0..<1000 {
                let output = encrypting
                    ? try AES.CBC.encrypt(input, key: key, iv: chain, padding: .none)
                    : try AES.CBC.decrypt(input, key: key, iv: chain, padding: .none).array
                let nextInput = j == 0 ? iv : previousOutput
                chain = encrypting ? output : input
                previousOutput = output
                input = nextInput
            }
            #expect(previousOutput == expected, "\(record.section) COUNT \(record.string("COUNT") ?? "?")")
            tally.countValid()
        }
        tally.report(expectedTotal: 200)
    }
}
