import CryptoPrimitives
@testable import SignalProtocol
import TestVectorKit

extension SecureBytes {
    var array: [UInt8] { unprotectedCopy() }
}

func hex(_ text: String) throws -> [UInt8] { try Hex.decode(text) }

extension SignalError {
    static func expected(_ code: Code) -> SignalError { SignalError(code, "expected in tests") }
}

/// A party with in-memory stores, a published bundle and a cipher: the building block of the behaviour tests.
struct Party {
    let name: String
    let identity: IdentityKeyPair
    let registrationID: UInt32
    let stores: SignalStores
    let cipher: SessionCipher
    var address: ProtocolAddress { ProtocolAddress(name: name, deviceID: 1) }

    init(_ name: String, registrationID: UInt32 = UInt32.random(in: 1...16380), clock: @escaping @Sendable () -> UInt64 = SessionCipher.systemClock) throws {
        self.name = name
        identity = try IdentityKeyPair.generate()
        self.registrationID = registrationID
        stores = SignalStores.inMemory(identity: identity, registrationID: registrationID)
        cipher = SessionCipher(stores: stores, clock: clock)
    }

    /// Publishes a bundle with signed prekey `signedPreKeyID` and, when given, one-time prekey `preKeyID`.
    func bundle(preKeyID: UInt32? = 1, signedPreKeyID: UInt32 = 1) async throws -> PreKeyBundle {
        let signed = try SignedPreKeyRecord.generate(id: signedPreKeyID, identity: identity, timestamp: 0)
        try await stores.signedPreKeys.saveSignedPreKey(signed)
        var oneTime: PreKeyRecord?
        if let preKeyID {
            oneTime = try PreKeyRecord.generate(id: preKeyID)
            try await stores.preKeys.savePreKey(oneTime!)
        }
        return try PreKeyBundle(
            registrationID: registrationID, deviceID: 1,
            preKeyID: preKeyID, preKey: oneTime?.keyPair.publicKey,
            signedPreKeyID: signedPreKeyID, signedPreKey: signed.keyPair.publicKey,
            signedPreKeySignature: signed.signature, identityKey: identity.identityKey
        )
    }

    func encrypt(_ text: String, to peer: Party) async throws -> CiphertextMessage {
        try await cipher.encrypt(Array(text.utf8), for: peer.address)
    }

    func decrypt(_ message: CiphertextMessage, from peer: Party) async throws -> String {
        String(decoding: try await cipher.decrypt(message, from: peer.address).array, as: UTF8.self)
    }

    /// The serialized session record with `peer` (to check that failures leave it byte-identical).
    func recordBytes(with peer: Party) async throws -> [UInt8]? {
        try await stores.sessions.loadSession(for: peer.address)?.serialized().array
    }
}

/// Alice and Bob with an established session (Bob has replied once).
func establishedPair() async throws -> (Party, Party) {
    let alice = try Party("alice")
    let bob = try Party("bob")
    try await alice.cipher.processBundle(try await bob.bundle(), for: bob.address)
    let first = try await alice.encrypt("hello", to: bob)
    _ = try await bob.decrypt(first, from: alice)
    let reply = try await bob.encrypt("hi", to: alice)
    _ = try await alice.decrypt(reply, from: bob)
    return (alice, bob)
}
