// Signal protocol costs, each paired with a benchmark of exactly the primitives it performs, so Benchmarks/report.py
// can report the ratio measured in the same run:
//
// - "Signal symmetric step": encrypt + decrypt of a 140-byte message in an established session (no DH ratchet),
//   through SessionCipher and in-memory stores. Primitives: per side, the chain key's prepared HMAC state and two
//   HMACs from it (message-key seed, next chain key), HKDF-SHA256 to 80 bytes, HMAC over the identities and the
//   message (MAC); AES-256-CBC encrypt and decrypt.
// - "Signal DH ratchet round trip": Alice → Bob, then Bob → Alice, each message under a new ratchet key, so each
//   decryption takes a DH ratchet step. Primitives: per step, two X25519 agreements, one key generation, two
//   HKDF-SHA256 to 64 bytes; plus two symmetric steps.
// - "Signal session setup": processing a prekey bundle with a one-time prekey. Primitives: XEdDSA verification,
//   two key generations, five X25519 agreements, HKDF-SHA256 over the 160-byte master secret and one to 64 bytes.

import Benchmark
import CryptoPrimitives
import SignalProtocol

var configuration: Benchmark.Configuration {
    .init(metrics: [.throughput, .wallClock, .mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 50)
}

/// A party with in-memory stores and a published bundle.
struct Party {
    let identity: IdentityKeyPair
    let stores: SignalStores
    let cipher: SessionCipher
    let address: ProtocolAddress

    init(_ name: String) throws {
        identity = try IdentityKeyPair.generate()
        stores = SignalStores.inMemory(identity: identity, registrationID: 7)
        cipher = SessionCipher(stores: stores)
        address = ProtocolAddress(name: name, deviceID: 1)
    }

    func bundle(preKeyID: UInt32) async throws -> PreKeyBundle {
        let signed = try SignedPreKeyRecord.generate(id: 1, identity: identity, timestamp: 0)
        try await stores.signedPreKeys.saveSignedPreKey(signed)
        let oneTime = try PreKeyRecord.generate(id: preKeyID)
        try await stores.preKeys.savePreKey(oneTime)
        return try PreKeyBundle(
            registrationID: 7, deviceID: 1, preKeyID: preKeyID, preKey: oneTime.keyPair.publicKey,
            signedPreKeyID: 1, signedPreKey: signed.keyPair.publicKey, signedPreKeySignature: signed.signature,
            identityKey: identity.identityKey
        )
    }
}

func establish() async throws -> (Party, Party) {
    let alice = try Party("alice")
    let bob = try Party("bob")
    try await alice.cipher.processBundle(try await bob.bundle(preKeyID: 1), for: bob.address)
    _ = try await bob.cipher.decrypt(try await alice.cipher.encrypt([1], for: bob.address), from: alice.address)
    _ = try await alice.cipher.decrypt(try await bob.cipher.encrypt([2], for: alice.address), from: bob.address)
    return (alice, bob)
}

let benchmarks: @Sendable () -> Void = {
    let message140 = [UInt8](repeating: 0x41, count: 140)

    // MARK: Symmetric step
    Benchmark("Signal symmetric step (140 B encrypt + decrypt)", configuration: configuration) { benchmark in
        let (alice, bob) = try await establish()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let message = try await alice.cipher.encrypt(message140, for: bob.address)
            blackHole(try await bob.cipher.decrypt(message, from: alice.address))
        }
    }

    let chainKey = try! SecureRandom.secureBytes(count: 32)
    let identities = try! SecureRandom.bytes(count: 66)
    let messageKeysInfo = Array("WhisperMessageKeys".utf8)
    Benchmark("Signal symmetric step: primitives", configuration: configuration) { benchmark in
        let serializedLength = 1 + 2 + 33 + 2 + 2 + 3 + 144
        for _ in benchmark.scaledIterations {
            for side in 0..<2 {
                let prepared = SHA256.prepareAuthenticationKey(chainKey)
                let seed = prepared.authenticationCode(message: [0x01])
                let keys = try HKDF<SHA256>.deriveKey(inputKeyMaterial: seed, salt: [UInt8](), info: messageKeysInfo, outputByteCount: 80)
                let cipherKey = SecretKey(bytes: keys.slice(0..<32))
                let iv = keys.slice(64..<80).unprotectedCopy()
                blackHole(prepared.authenticationCode(message: [0x02]))
                let body = [UInt8](repeating: 0, count: serializedLength)
                blackHole(SHA256.authenticationCode(key: keys.slice(32..<64), parts: [identities, body]))
                if side == 0 {
                    blackHole(try AES.CBC.encrypt(message140, key: cipherKey, iv: iv))
                } else {
                    blackHole(try AES.CBC.decrypt([UInt8](repeating: 0, count: 144), key: cipherKey, iv: iv, padding: .none))
                }
            }
        }
    }

    // MARK: DH ratchet round trip
    Benchmark("Signal DH ratchet round trip (2 ratchet steps, 140 B each way)", configuration: configuration) { benchmark in
        let (alice, bob) = try await establish()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await bob.cipher.decrypt(try await alice.cipher.encrypt(message140, for: bob.address), from: alice.address))
            blackHole(try await alice.cipher.decrypt(try await bob.cipher.encrypt(message140, for: alice.address), from: bob.address))
        }
    }

    let ours = try! X25519.PrivateKey()
    let theirs = try! X25519.PrivateKey().publicKey
    let rootKey = try! SecureRandom.secureBytes(count: 32)
    let ratchetInfo = Array("WhisperRatchet".utf8)
    Benchmark("Signal DH ratchet round trip: primitives", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<2 {
                // The DH ratchet step of the receiver.
                let first = try ours.sharedSecret(with: theirs)
                blackHole(try HKDF<SHA256>.deriveKey(inputKeyMaterial: first, salt: rootKey, info: ratchetInfo, outputByteCount: 64))
                let fresh = try X25519.PrivateKey()
                blackHole(fresh.publicKey)
                let second = try fresh.sharedSecret(with: theirs)
                blackHole(try HKDF<SHA256>.deriveKey(inputKeyMaterial: second, salt: rootKey, info: ratchetInfo, outputByteCount: 64))
                // The symmetric work of one message, both ends.
                for end in 0..<2 {
                    let prepared = SHA256.prepareAuthenticationKey(chainKey)
                    let seed = prepared.authenticationCode(message: [0x01])
                    let keys = try HKDF<SHA256>.deriveKey(inputKeyMaterial: seed, salt: [UInt8](), info: messageKeysInfo, outputByteCount: 80)
                    let cipherKey = SecretKey(bytes: keys.slice(0..<32))
                    let iv = keys.slice(64..<80).unprotectedCopy()
                    blackHole(prepared.authenticationCode(message: [0x02]))
                    blackHole(SHA256.authenticationCode(key: keys.slice(32..<64), parts: [identities, [UInt8](repeating: 0, count: 187)]))
                    if end == 0 {
                        blackHole(try AES.CBC.encrypt(message140, key: cipherKey, iv: iv))
                    } else {
                        blackHole(try AES.CBC.decrypt([UInt8](repeating: 0, count: 144), key: cipherKey, iv: iv, padding: .none))
                    }
                }
            }
        }
    }

    // MARK: Session setup
    Benchmark("Signal session setup (process a bundle)", configuration: configuration) { benchmark in
        let bob = try Party("bob")
        var bundles: [PreKeyBundle] = []
        for index in 0..<benchmark.scaledIterations.count { bundles.append(try await bob.bundle(preKeyID: UInt32(index + 1))) }
        let alice = try Party("alice")
        let addresses = (0..<bundles.count).map { ProtocolAddress(name: "bob\($0)", deviceID: 1) }
        benchmark.startMeasurement()
        for (bundle, address) in zip(bundles, addresses) {
            try await alice.cipher.processBundle(bundle, for: address)
        }
    }

    let signer = try! IdentityKeyPair.generate()
    let signedPreKey = try! X25519.PrivateKey().publicKey
    let signature = try! signer.sign(signedPreKey.serialized)
    let textInfo = Array("WhisperText".utf8)
    Benchmark("Signal session setup: primitives", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(signer.identityKey.verifySignature(signature, for: signedPreKey.serialized))
            let base = try X25519.PrivateKey()
            blackHole(base.publicKey)
            var secrets = SecureBytes(copying: [UInt8](repeating: 0xff, count: 32))
            for _ in 0..<4 { secrets.append(contentsOf: try base.sharedSecret(with: theirs)) }
            blackHole(try HKDF<SHA256>.deriveKey(inputKeyMaterial: secrets, salt: [UInt8](), info: textInfo, outputByteCount: 64))
            let ratchet = try X25519.PrivateKey()
            blackHole(ratchet.publicKey)
            let dh = try ratchet.sharedSecret(with: theirs)
            blackHole(try HKDF<SHA256>.deriveKey(inputKeyMaterial: dh, salt: rootKey, info: ratchetInfo, outputByteCount: 64))
        }
    }
}
