public import CryptoPrimitives
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The root key of the Double Ratchet. Each DH ratchet step turns it and a DH output into a new root key and a
/// chain key: `HKDF-SHA256(ikm = DH, salt = root key, info = "WhisperRatchet", 64)`.
public struct RootKey: Sendable {
    /// The 32 key bytes.
    public let key: SecureBytes

    /// Wraps 32 key bytes.
    public init(key: SecureBytes) throws {
        guard key.count == 32 else { throw SignalError(.invalidState, "root key must be 32 bytes") }
        self.key = key
    }

    init(unchecked key: SecureBytes) { self.key = key }

    /// The next root key and a fresh chain for the DH of `ours` with `theirs`.
    public func createChain(theirRatchetKey theirs: X25519.PublicKey, ourRatchetKey ours: X25519.PrivateKey) throws -> (RootKey, ChainKey) {
        let shared: SecureBytes
        do {
            shared = try ours.sharedSecret(with: theirs)
        } catch {
            throw SignalError(.invalidKey, "ratchet key agreement failed (low-order key)")
        }
        let derived = try SignalKDF.derive(inputKeyMaterial: shared, salt: key, info: SignalKDF.ratchetInfo, outputByteCount: 64)
        return (RootKey(unchecked: derived.slice(0..<32)), ChainKey(unchecked: derived.slice(32..<64), index: 0))
    }
}

/// A sending or receiving chain key and its position. `HMAC-SHA256(key, 0x01)` seeds the message keys of
/// position `index`; `HMAC-SHA256(key, 0x02)` is the chain key of `index + 1`.
public struct ChainKey: Sendable {
    /// The 32 key bytes.
    public let key: SecureBytes
    /// The counter of the next message on this chain.
    public let index: UInt32

    /// Wraps 32 key bytes at a position.
    public init(key: SecureBytes, index: UInt32) throws {
        guard key.count == 32 else { throw SignalError(.invalidState, "chain key must be 32 bytes") }
        self.key = key
        self.index = index
    }

    init(unchecked key: SecureBytes, index: UInt32) {
        self.key = key
        self.index = index
    }

    private static let messageKeySeed: [UInt8] = [0x01]
    private static let chainKeySeed: [UInt8] = [0x02]

    /// The chain key of the next position.
    public func next() throws -> ChainKey {
        guard index < UInt32.max else { throw SignalError(.invalidState, "chain counter exhausted") }
        return ChainKey(unchecked: SHA256.authenticationCode(key: key, message: Self.chainKeySeed), index: index + 1)
    }

    /// The message-key seed of this position.
    public func messageKeySeed() -> SecureBytes {
        SHA256.authenticationCode(key: key, message: Self.messageKeySeed)
    }

    /// The message keys of this position.
    public func messageKeys() throws -> MessageKeys {
        try MessageKeys(seed: messageKeySeed(), counter: index)
    }

    /// This position's message keys and the next chain key, with the chain key's HMAC state prepared once.
    func step() throws -> (MessageKeys, ChainKey) {
        guard index < UInt32.max else { throw SignalError(.invalidState, "chain counter exhausted") }
        let prepared = SHA256.prepareAuthenticationKey(key)
        let keys = try MessageKeys(seed: prepared.authenticationCode(message: Self.messageKeySeed), counter: index)
        return (keys, ChainKey(unchecked: prepared.authenticationCode(message: Self.chainKeySeed), index: index + 1))
    }

    /// This position's message-key seed and the next chain key (for skipped messages).
    func skip() throws -> (SecureBytes, ChainKey) {
        guard index < UInt32.max else { throw SignalError(.invalidState, "chain counter exhausted") }
        let prepared = SHA256.prepareAuthenticationKey(key)
        return (prepared.authenticationCode(message: Self.messageKeySeed), ChainKey(unchecked: prepared.authenticationCode(message: Self.chainKeySeed), index: index + 1))
    }
}

/// The keys that protect one message: AES-256-CBC key and IV, and the HMAC-SHA256 key, from
/// `HKDF-SHA256(ikm = seed, salt = 32 zero bytes, info = "WhisperMessageKeys", 80)`.
public struct MessageKeys: Sendable {
    /// The AES-256 key.
    public let cipherKey: SecretKey
    /// The HMAC-SHA256 key.
    public let macKey: SecureBytes
    /// The 16-byte CBC IV.
    public let iv: [UInt8]
    /// The message counter these keys belong to.
    public let counter: UInt32

    /// Derives the keys from a message-key seed.
    public init(seed: SecureBytes, counter: UInt32) throws {
        let derived = try SignalKDF.derive(inputKeyMaterial: seed, salt: [UInt8](), info: SignalKDF.messageKeysInfo, outputByteCount: 80)
        cipherKey = SecretKey(bytes: derived.slice(0..<32))
        macKey = derived.slice(32..<64)
        iv = derived.slice(64..<80).unprotectedCopy()
        self.counter = counter
    }
}

/// The HKDF labels of Signal v3.
enum SignalKDF {
    static let textInfo = Array("WhisperText".utf8)
    static let ratchetInfo = Array("WhisperRatchet".utf8)
    static let messageKeysInfo = Array("WhisperMessageKeys".utf8)

    static func derive(inputKeyMaterial: SecureBytes, salt: some ContiguousBytes, info: [UInt8], outputByteCount: Int) throws -> SecureBytes {
        do {
            return try HKDF<SHA256>.deriveKey(inputKeyMaterial: inputKeyMaterial, salt: salt, info: info, outputByteCount: outputByteCount)
        } catch {
            throw SignalError(.invalidState, "key derivation failed")
        }
    }
}
