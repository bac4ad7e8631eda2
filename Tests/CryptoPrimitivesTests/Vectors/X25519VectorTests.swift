import CryptoPrimitives
import Testing
import TestVectorKit

struct XDHGroup: Decodable, Sendable {
    let curve: String
    let tests: [XDHCase]
}

struct XDHCase: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let `public`: HexBytes
    let `private`: HexBytes
    let shared: HexBytes
    let result: WycheproofResult
}

@Suite("X25519 vectors")
struct X25519VectorTests {
    /// Low-order public keys give the all-zero secret, which we refuse (see `X25519` docs); every other
    /// acceptable case (twist points, non-canonical u, edge-case multiplications) must give the vector's secret.
    static let acceptablePolicy: [(flag: String, policy: AcceptablePolicy)] = [
        ("ZeroSharedSecret", .reject),
        ("LowOrderPublic", .reject),
        ("NonCanonicalPublic", .accept),
        ("Twist", .accept),
        ("EdgeCaseMultiplication", .accept),
        ("EdgeCaseShared", .accept),
        ("SpecialPublicKey", .accept),
    ]

    @Test("Wycheproof XDH", arguments: ["x25519_test.json"])
    func wycheproof(file: String) throws {
        let vectors = try WycheproofFile<XDHGroup>.load(file)
        var tally = VectorTally("Wycheproof \(file)")
        for group in vectors.testGroups {
            #expect(group.curve == "curve25519")
            for test in group.tests {
                tally.count(test.result)
                let privateKey = try X25519.PrivateKey(rawRepresentation: test.private.bytes)
                let publicKey = try X25519.PublicKey(rawRepresentation: test.public.bytes)
                var expectation: AcceptablePolicy?
                switch test.result {
                case .valid: expectation = .accept
                case .invalid: expectation = .reject
                case .acceptable:
                    expectation = policy(for: test.flags, in: Self.acceptablePolicy, suite: file, tcId: test.tcId)
                }
                switch expectation {
                case .accept:
                    #expect(try privateKey.sharedSecret(with: publicKey).array == test.shared.bytes, "tcId \(test.tcId)")
                case .reject:
                    #expect(throws: CryptoError.expectedLowOrderPoint, "tcId \(test.tcId)") {
                        _ = try privateKey.sharedSecret(with: publicKey)
                    }
                case nil: break
                }
            }
        }
        tally.report(expectedTotal: vectors.numberOfTests)
    }

    @Test("RFC 7748 §5.2 scalar multiplication", arguments: ["rfc/rfc7748-x25519.txt"])
    func rfc7748(file: String) throws {
        var tally = VectorTally("RFC 7748 \(file)")
        for record in KeyValueVectors.parse(try TestVectors.text(file)) {
            let scalar = try X25519.PrivateKey(rawRepresentation: record.bytes("INPUT_SCALAR"))
            let point = try X25519.PublicKey(rawRepresentation: record.bytes("INPUT_U"))
            #expect(try scalar.sharedSecret(with: point).array == record.bytes("OUTPUT_U"))
            tally.countValid()
        }
        tally.report(expectedTotal: 3)
    }

    @Test("RFC 7748 §5.2 iterated and §6.1 Diffie-Hellman", arguments: ["rfc/rfc7748-x25519-extra.json"])
    func rfc7748Extra(file: String) throws {
        struct Extra: Decodable {
            struct Iteration: Decodable { let iterations: Int; let output: HexBytes }
            struct DH: Decodable {
                let alicePrivate: HexBytes, alicePublic: HexBytes, bobPrivate: HexBytes, bobPublic: HexBytes, shared: HexBytes
            }
            let iterated: [Iteration]
            let diffieHellman: DH
        }
        let extra = try TestVectors.json(Extra.self, file)
        var tally = VectorTally("RFC 7748 \(file)")
        // k = u = 9; each round: k, u = X25519(k, u), k.
        var k = [UInt8](repeating: 0, count: 32)
        k[0] = 9
        var u = k
        var done = 0
        for step in extra.iterated.sorted(by: { $0.iterations < $1.iterations }) where step.iterations <= 1000 {
            while done < step.iterations {
                let output = try X25519.PrivateKey(rawRepresentation: k).sharedSecret(with: X25519.PublicKey(rawRepresentation: u)).array
                u = k
                k = output
                done += 1
            }
            #expect(k == step.output.bytes, "after \(step.iterations) iterations")
            tally.countValid()
        }
        let dh = extra.diffieHellman
        let alice = try X25519.PrivateKey(rawRepresentation: dh.alicePrivate.bytes)
        let bob = try X25519.PrivateKey(rawRepresentation: dh.bobPrivate.bytes)
        #expect(alice.publicKey.rawRepresentation == dh.alicePublic.bytes)
        #expect(bob.publicKey.rawRepresentation == dh.bobPublic.bytes)
        #expect(try alice.sharedSecret(with: bob.publicKey).array == dh.shared.bytes)
        #expect(try bob.sharedSecret(with: alice.publicKey).array == dh.shared.bytes)
        tally.countValid()
        tally.report()
    }

    @Test("Signal serialization is 0x05 || u and rejects other forms")
    func serialization() throws {
        let key = try X25519.PrivateKey().publicKey
        #expect(key.serialized.count == 33)
        #expect(key.serialized.first == 0x05)
        #expect(try X25519.PublicKey(serialized: key.serialized) == key)
        #expect(throws: CryptoError.expectedInvalidKey) { try X25519.PublicKey(serialized: [0x06] + key.rawRepresentation) }
        #expect(throws: CryptoError.expectedInvalidKey) { try X25519.PublicKey(serialized: key.rawRepresentation) }
        #expect(throws: CryptoError.expectedInvalidKey) { try X25519.PublicKey(serialized: key.serialized + [0]) }
    }
}
