import CryptoPrimitives
@testable import SignalProtocol
import Testing

/// Every failure is a typed error and leaves the stored session record byte-identical.
@Suite("Signal failures: typed errors, and the stored session is left byte-identical")
struct FailureIsolationTests {
    /// Runs `decrypt` expecting `code`, and checks Bob's record with Alice did not change by one byte.
    func expectUnchanged(_ code: SignalError.Code, bob: Party, alice: Party, _ decrypt: () async throws -> Void) async throws {
        let before = try await bob.recordBytes(with: alice)
        await #expect(throws: SignalError.expected(code)) { try await decrypt() }
        #expect(try await bob.recordBytes(with: alice) == before, "record changed after \(code)")
    }

    @Test("Bad MAC, malformed bytes, wrong version, duplicates, too far ahead")
    func signalMessageFailures() async throws {
        let (alice, bob) = try await establishedPair()
        let message = try await alice.encrypt("secret", to: bob)
        let bytes = message.serialized
        // Bad MAC: flip one bit of the MAC, and one of the ciphertext.
        for index in [bytes.count - 1, bytes.count - 20] {
            var changed = bytes
            changed[index] ^= 0x01
            try await expectUnchanged(.invalidMAC, bob: bob, alice: alice) {
                _ = try await bob.cipher.decrypt(CiphertextMessage(type: .whisper, serialized: changed), from: alice.address)
            }
        }
        // Wrong version byte (0x22 legacy, 0x44 PQ): refused before any state is touched.
        for version: UInt8 in [0x22, 0x44, 0x23] {
            var changed = bytes
            changed[0] = version
            #expect(throws: SignalError.expected(.invalidVersion)) { _ = try CiphertextMessage(type: .whisper, serialized: changed) }
        }
        // Malformed: truncations, trailing bytes inside the protobuf, garbage.
        for cut in [1, 5, 9, bytes.count / 2] {
            #expect(throws: SignalError.self) { _ = try CiphertextMessage(type: .whisper, serialized: Array(bytes.prefix(cut))) }
        }
        #expect(throws: SignalError.expected(.invalidMessage)) { _ = try SignalMessage(serialized: [0x33, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) }
        // Decrypt succeeds once, then the duplicate is refused without change.
        #expect(try await bob.decrypt(message, from: alice) == "secret")
        try await expectUnchanged(.duplicateMessage, bob: bob, alice: alice) { _ = try await bob.cipher.decrypt(message, from: alice.address) }
        // Too far in the future.
        for _ in 0...SessionState.Limits.maximumForwardJumps { _ = try await alice.encrypt("skip", to: bob) }
        let far = try await alice.encrypt("far", to: bob)
        try await expectUnchanged(.tooFarInFuture, bob: bob, alice: alice) { _ = try await bob.cipher.decrypt(far, from: alice.address) }
    }

    @Test("An identity distrusted mid-session: SignalMessages refused both ways, the record unchanged")
    func untrustedMidSession() async throws {
        let (alice, bob) = try await establishedPair()
        let message = try await alice.encrypt("after the change", to: bob)
        // The user on Bob's side has not accepted Alice's identity (e.g. it was reset to a different key).
        try await bob.stores.identities.saveIdentity(try IdentityKeyPair.generate().identityKey, for: alice.address)
        try await expectUnchanged(.untrustedIdentity, bob: bob, alice: alice) { _ = try await bob.cipher.decrypt(message, from: alice.address) }
        try await expectUnchanged(.untrustedIdentity, bob: bob, alice: alice) { _ = try await bob.cipher.encrypt([1], for: alice.address) }
        // Once the user accepts Alice's real identity again, the same message decrypts.
        try await bob.stores.identities.saveIdentity(alice.identity.identityKey, for: alice.address)
        #expect(try await bob.decrypt(message, from: alice) == "after the change")
    }

    @Test("Unknown prekey ids, untrusted identity, no session")
    func preKeyMessageFailures() async throws {
        let alice = try Party("alice")
        let bob = try Party("bob")
        // Bob's bundle names prekeys that Bob then loses.
        let bundle = try await bob.bundle(preKeyID: 9, signedPreKeyID: 4)
        try await alice.cipher.processBundle(bundle, for: bob.address)
        let message = try await alice.encrypt("hello", to: bob)
        try await bob.stores.preKeys.removePreKey(id: 9)
        try await expectUnchanged(.invalidKeyID, bob: bob, alice: alice) { _ = try await bob.cipher.decrypt(message, from: alice.address) }

        let carol = try Party("carol")
        let carolBundle = try await carol.bundle(preKeyID: 1, signedPreKeyID: 5)
        try await alice.cipher.processBundle(carolBundle, for: carol.address)
        let toCarol = try await alice.encrypt("hi carol", to: carol)
        let emptySigned = InMemorySignedPreKeyStore()
        let carolWithoutSigned = SessionCipher(stores: SignalStores(
            identities: carol.stores.identities, preKeys: carol.stores.preKeys, signedPreKeys: emptySigned,
            kemPreKeys: carol.stores.kemPreKeys, sessions: carol.stores.sessions
        ))
        await #expect(throws: SignalError.expected(.invalidKeyID)) { _ = try await carolWithoutSigned.decrypt(toCarol, from: alice.address) }
        #expect(try await carol.recordBytes(with: alice) == nil)

        // Bob already trusts a different identity for "alice": untrusted, nothing stored.
        let dave = try Party("dave")
        let daveBundle = try await dave.bundle()
        try await alice.cipher.processBundle(daveBundle, for: dave.address)
        let toDave = try await alice.encrypt("hi dave", to: dave)
        try await dave.stores.identities.saveIdentity(try IdentityKeyPair.generate().identityKey, for: alice.address)
        await #expect(throws: SignalError.expected(.untrustedIdentity)) { _ = try await dave.cipher.decrypt(toDave, from: alice.address) }
        #expect(try await dave.recordBytes(with: alice) == nil)
        #expect(try await dave.stores.preKeys.preKey(id: 1) != nil, "the one-time prekey survives a failed decryption")

        // No session at all.
        let eve = try Party("eve")
        let (a2, b2) = try await establishedPair()
        let plain = try await a2.encrypt("no session here", to: b2)
        await #expect(throws: SignalError.expected(.noSession)) { _ = try await eve.cipher.decrypt(plain, from: a2.address) }
        await #expect(throws: SignalError.expected(.noSession)) { _ = try await eve.encrypt("x", to: a2) }
    }

    @Test("A bundle with a bad signature or an untrusted identity is refused and stores nothing")
    func badBundles() async throws {
        let alice = try Party("alice")
        let bob = try Party("bob")
        let good = try await bob.bundle()
        var signature = good.signedPreKeySignature
        signature[5] ^= 1
        let forged = try PreKeyBundle(
            registrationID: good.registrationID, deviceID: 1, preKeyID: good.preKeyID, preKey: good.preKey,
            signedPreKeyID: good.signedPreKeyID, signedPreKey: good.signedPreKey, signedPreKeySignature: signature,
            identityKey: good.identityKey
        )
        await #expect(throws: SignalError.expected(.invalidSignature)) { try await alice.cipher.processBundle(forged, for: bob.address) }
        #expect(try await alice.recordBytes(with: bob) == nil)
        try await alice.stores.identities.saveIdentity(try IdentityKeyPair.generate().identityKey, for: bob.address)
        await #expect(throws: SignalError.expected(.untrustedIdentity)) { try await alice.cipher.processBundle(good, for: bob.address) }
        #expect(try await alice.recordBytes(with: bob) == nil)
        #expect(throws: SignalError.expected(.invalidKey)) {
            _ = try PreKeyBundle(registrationID: 1, deviceID: 1, preKeyID: 1, preKey: nil, signedPreKeyID: 1,
                                 signedPreKey: good.signedPreKey, signedPreKeySignature: [], identityKey: good.identityKey)
        }
    }

    @Test("Random and mutated bytes never crash the parsers")
    func fuzzParsers() async throws {
        let (alice, bob) = try await establishedPair()
        let whisper = try await alice.encrypt("fuzz", to: bob).serialized
        let alice2 = try Party("alice2")
        let bob2 = try Party("bob2")
        try await alice2.cipher.processBundle(try await bob2.bundle(), for: bob2.address)
        let preKey = try await alice2.encrypt("fuzz", to: bob2).serialized
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            var bytes = round % 2 == 0 ? whisper : preKey
            switch round % 3 {
            case 0: bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default: bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            for type in [CiphertextMessage.MessageType.whisper, .preKey] {
                if let message = try? CiphertextMessage(type: type, serialized: bytes) {
                    _ = try? await bob.cipher.decrypt(message, from: alice.address)
                }
            }
        }
        // The real session is intact.
        let after = try await alice.encrypt("still fine", to: bob)
        #expect(try await bob.decrypt(after, from: alice) == "still fine")
    }
}
