import CryptoPrimitives
import Testing
import TestVectorKit

struct EdDSAGroup: Decodable, Sendable {
    struct Key: Decodable, Sendable { let pk: HexBytes }
    let publicKey: Key
    let tests: [EdDSACase]
}

struct EdDSACase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: HexBytes
    let sig: HexBytes
    let result: WycheproofResult
}

@Suite("Ed25519 vectors")
struct Ed25519VectorTests {
    /// libsodium refuses public keys of small order outright. A mixed-order key (a valid key plus a small-order
    /// component) is not detectable without a full subgroup check, which libsodium does not make; it checks
    /// the cofactorless equation, so these signatures verify, as they do in most Ed25519 libraries.
    static let acceptablePolicy: [(flag: String, policy: AcceptablePolicy)] = [
        ("SmallOrderPublicKey", .reject),
        ("MixedOrderPublicKey", .accept),
    ]

    @Test("Wycheproof EdDSA verification", arguments: ["ed25519_test.json"])
    func wycheproof(file: String) throws {
        let vectors = try WycheproofFile<EdDSAGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            let key = try Ed25519.PublicKey(rawRepresentation: group.publicKey.pk.bytes)
            for test in group.tests {
                tally.count(test.result)
                let verified = key.isValidSignature(test.sig.bytes, for: test.msg.bytes)
                switch test.result {
                case .valid: #expect(verified, "tcId \(test.tcId) \(test.comment)")
                case .invalid: #expect(!verified, "tcId \(test.tcId) \(test.comment)")
                case .acceptable:
                    if let expected = policy(for: test.flags, in: Self.acceptablePolicy, suite: file, tcId: test.tcId) {
                        #expect(verified == (expected == .accept), "tcId \(test.tcId) \(test.flags)")
                    }
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    /// `sign.input` (the ed25519 reference vectors that RFC 8032 §7.1 TEST 1, 2, 3 and 1024 are drawn from):
    /// `seed||pk : pk : message : signature||message :` per line.
    @Test("RFC 8032 / ed25519 sign.input: deterministic signing and verification", arguments: ["rfc/rfc8032-ed25519-sign.input"])
    func signInput(file: String) throws {
        var tally = VectorTally("RFC 8032 \(file)")
        for line in try TestVectors.text(file).split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count >= 4)
            let secret = try hex(fields[0])
            let publicKey = try hex(fields[1])
            let message = try hex(fields[2])
            let signature = Array(try hex(fields[3]).prefix(64))
            let key = try Ed25519.PrivateKey(seed: secret.prefix(32))
            #expect(key.publicKey.rawRepresentation == publicKey)
            #expect(try key.signature(for: message) == signature)
            #expect(key.publicKey.isValidSignature(signature, for: message))
            var tampered = signature
            tampered[0] ^= 1
            #expect(!key.publicKey.isValidSignature(tampered, for: message))
            tally.countValid()
        }
        tally.report(expectedTotal: 1024)
    }
}
