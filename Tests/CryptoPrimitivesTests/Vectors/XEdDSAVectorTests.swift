import CryptoPrimitives
import Testing
import TestVectorKit

/// `signal/xeddsa.json`: libsignal-protocol-c's `curvesigs_fast_test` and `xeddsa_fast_test`, libsignal's
/// `test_signature` and `test_agreement`, and the signed-prekey signatures of the v3 conversation vectors.
struct XEdDSAFile: Decodable, Sendable {
    struct Vector: Decodable, Sendable {
        struct Inputs: Decodable, Sendable {
            let private_key: HexBytes?
            let public_key_u: HexBytes?
            let public_key_serialized: HexBytes
            let message: HexBytes
            let random: HexBytes?
        }
        struct Expected: Decodable, Sendable {
            let signature: HexBytes
            let verify: Bool
            let public_key_from_private: HexBytes?
        }
        let id: String
        let inputs: Inputs
        let expected: Expected
    }
    struct Agreement: Decodable, Sendable {
        struct Inputs: Decodable, Sendable {
            let alice_private: HexBytes, alice_public_u: HexBytes, bob_private: HexBytes, bob_public_u: HexBytes
        }
        struct Expected: Decodable, Sendable { let shared_secret: HexBytes }
        let id: String
        let inputs: Inputs
        let expected: Expected
    }
    let vectors: [Vector]
    let agreement: [Agreement]
}

@Suite("XEdDSA (libsignal) vectors")
struct XEdDSAVectorTests {
    static let file = "signal/xeddsa.json"

    @Test("Signatures verify; every single-bit change of the signature fails; wrong messages fail")
    func verification() throws {
        let vectors = try TestVectors.json(XEdDSAFile.self, Self.file)
        var tally = VectorTally("Signal \(Self.file) verification")
        for vector in vectors.vectors {
            let key = try X25519.PublicKey(serialized: vector.inputs.public_key_serialized.bytes)
            let signature = vector.expected.signature.bytes
            let message = vector.inputs.message.bytes
            #expect(key.isValidSignature(signature, for: message) == vector.expected.verify, "\(vector.id)")
            tally.countValid()
            for index in 0..<64 {
                for bit in [0, 7] {
                    var changed = signature
                    changed[index] ^= UInt8(1 << bit)
                    #expect(!key.isValidSignature(changed, for: message), "\(vector.id) byte \(index) bit \(bit)")
                    tally.countInvalid()
                }
            }
            // The signed bytes of a prekey include the 0x05 type byte; the bare key does not verify.
            if message.count == 33, message.first == 0x05 {
                #expect(!key.isValidSignature(signature, for: Array(message.dropFirst())), "\(vector.id) without 0x05")
                tally.countInvalid()
            }
            #expect(!key.isValidSignature(signature, for: message + [0]), "\(vector.id) extended message")
            #expect(!key.isValidSignature(Array(signature.dropLast()), for: message))
            tally.countInvalid(2)
        }
        tally.report()
    }

    @Test("Deterministic signing with Z = 0 reproduces libsignal-protocol-c's outputs")
    func signing() throws {
        let vectors = try TestVectors.json(XEdDSAFile.self, Self.file)
        var tally = VectorTally("Signal \(Self.file) signing")
        for vector in vectors.vectors {
            guard let privateBytes = vector.inputs.private_key else { continue }
            let key = try X25519.PrivateKey(rawRepresentation: privateBytes.bytes)
            #expect(key.publicKey.serialized == vector.inputs.public_key_serialized.bytes, "\(vector.id) public key")
            if let fromPrivate = vector.expected.public_key_from_private {
                #expect(key.publicKey.rawRepresentation == fromPrivate.bytes)
            }
            guard let random = vector.inputs.random else { continue }
            let variant: XEdDSA.Variant = vector.id == "xeddsa_fast_test" ? .specification : .libsignal
            let signature = try XEdDSA.signature(
                for: vector.inputs.message.bytes, privateKey: key, random: SecureBytes(copying: random.bytes), variant: variant
            )
            #expect(signature == vector.expected.signature.bytes, "\(vector.id)")
            tally.countValid()
        }
        tally.report(expectedTotal: 2)
    }

    @Test("Random signatures verify and carry the sign bit")
    func randomized() throws {
        var sawSignBit = false
        for _ in 0..<64 {
            let key = try X25519.PrivateKey()
            let message = try SecureRandom.bytes(count: 33)
            let signature = try key.signature(for: message)
            sawSignBit = sawSignBit || signature[63] & 0x80 != 0
            #expect(key.publicKey.isValidSignature(signature, for: message))
            let spec = try XEdDSA.signature(for: message, privateKey: key, variant: .specification)
            #expect(spec[63] & 0x80 == 0)
            #expect(key.publicKey.isValidSignature(spec, for: message))
            let other = try X25519.PrivateKey().publicKey
            #expect(!other.isValidSignature(signature, for: message))
        }
        #expect(sawSignBit, "64 random keys without a single sign bit set is a 2^-64 event")
    }

    @Test("Non-canonical and degenerate public keys are rejected")
    func degenerateKeys() throws {
        let vectors = try TestVectors.json(XEdDSAFile.self, Self.file)
        let vector = try #require(vectors.vectors.first { $0.id == "libsignal_test_signature" })
        let signature = vector.expected.signature.bytes
        let message = vector.inputs.message.bytes
        for u in [[UInt8](repeating: 0xff, count: 32),                   // ≥ p, bit 255 set
                  [0xec] + [UInt8](repeating: 0xff, count: 30) + [0x7f], // p − 1: no Edwards point
                  [0xed] + [UInt8](repeating: 0xff, count: 30) + [0x7f], // p itself
                  [UInt8](repeating: 0, count: 32)] {                    // u = 0: small order
            let key = try X25519.PublicKey(rawRepresentation: u)
            #expect(!key.isValidSignature(signature, for: message))
        }
    }

    @Test("libsignal X25519 agreement vector")
    func agreement() throws {
        let vectors = try TestVectors.json(XEdDSAFile.self, Self.file)
        var tally = VectorTally("Signal \(Self.file) agreement")
        for vector in vectors.agreement {
            let alice = try X25519.PrivateKey(rawRepresentation: vector.inputs.alice_private.bytes)
            let bob = try X25519.PrivateKey(rawRepresentation: vector.inputs.bob_private.bytes)
            #expect(alice.publicKey.rawRepresentation == vector.inputs.alice_public_u.bytes)
            #expect(bob.publicKey.rawRepresentation == vector.inputs.bob_public_u.bytes)
            #expect(try alice.sharedSecret(with: bob.publicKey).array == vector.expected.shared_secret.bytes)
            #expect(try bob.sharedSecret(with: alice.publicKey).array == vector.expected.shared_secret.bytes)
            tally.countValid()
        }
        tally.report()
    }
}
