import CryptoPrimitives
import SignalProtocol
import Testing
import TestVectorKit

struct FingerprintFile: Decodable, Sendable {
    struct Party: Decodable, Sendable { let stable_identifier: String; let identity_key: HexBytes }
    struct Expected: Decodable, Sendable { let displayable: String; let scannable_alice_local: HexBytes; let scannable_bob_local: HexBytes }
    struct Vector: Decodable, Sendable { let id: String; let version: UInt32; let iterations: Int; let alice: Party; let bob: Party; let expected: Expected }
    struct Encoding: Decodable, Sendable {
        struct Inputs: Decodable, Sendable { let version: UInt32; let local_fingerprint: HexBytes; let remote_fingerprint: HexBytes }
        struct Output: Decodable, Sendable { let serialized: HexBytes }
        let id: String; let inputs: Inputs; let expected: Output
    }
    let vectors: [Vector]
    let encoding: [Encoding]
}

@Suite("Safety numbers (signal/fingerprint.json)")
struct FingerprintVectorTests {
    @Test("Displayable and scannable fingerprints from both sides; comparison rules")
    func vectors() throws {
        let file = try TestVectors.json(FingerprintFile.self, "signal/fingerprint.json")
        var checked = 0
        for v in file.vectors {
            let aliceKey = try IdentityKey(serialized: v.alice.identity_key.bytes)
            let bobKey = try IdentityKey(serialized: v.bob.identity_key.bytes)
            let alice = try NumericFingerprint(version: v.version, iterations: v.iterations,
                localIdentifier: Array(v.alice.stable_identifier.utf8), localKey: aliceKey,
                remoteIdentifier: Array(v.bob.stable_identifier.utf8), remoteKey: bobKey)
            let bob = try NumericFingerprint(version: v.version, iterations: v.iterations,
                localIdentifier: Array(v.bob.stable_identifier.utf8), localKey: bobKey,
                remoteIdentifier: Array(v.alice.stable_identifier.utf8), remoteKey: aliceKey)
            #expect(alice.displayable == v.expected.displayable, "\(v.id)")
            #expect(bob.displayable == v.expected.displayable, "\(v.id)")
            #expect(alice.scannable.serialized == v.expected.scannable_alice_local.bytes, "\(v.id)")
            #expect(bob.scannable.serialized == v.expected.scannable_bob_local.bytes, "\(v.id)")
            let scannedFromBob = try ScannableFingerprint(serialized: bob.scannable.serialized)
            #expect(try alice.scannable.matches(scannedFromBob))
            #expect(try !alice.scannable.matches(alice.scannable), "a fingerprint never matches its own encoding")
            let other = try ScannableFingerprint(serialized: v.version == 1 ? bob.scannable.serialized.replacingFirst(0x01, 0x02) : bob.scannable.serialized.replacingFirst(0x02, 0x01))
            #expect(throws: SignalError.self) { try alice.scannable.matches(other) }
            var tampered = bob.scannable.serialized
            tampered[tampered.count - 1] ^= 1
            #expect(try !alice.scannable.matches(ScannableFingerprint(serialized: tampered)))
            checked += 1
        }
        for e in file.encoding {
            let scannable = ScannableFingerprint(version: e.inputs.version, local: e.inputs.local_fingerprint.bytes, remote: e.inputs.remote_fingerprint.bytes)
            #expect(scannable.serialized == e.expected.serialized.bytes, "\(e.id)")
            checked += 1
        }
        #expect(checked == 3)
        print("[vectors] signal/fingerprint.json: \(checked) checked")
    }
}

extension Array where Element == UInt8 {
    /// Replaces the version varint (the byte after the leading `0x08` tag).
    func replacingFirst(_ old: UInt8, _ new: UInt8) -> [UInt8] {
        var copy = self
        if copy.count > 1, copy[0] == 0x08, copy[1] == old { copy[1] = new }
        return copy
    }
}
