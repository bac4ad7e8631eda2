import CryptoPrimitives
import Synchronization

/// Encrypts everything written to storage under the keyring, and holds the keyring only while unsealed.
///
/// Entry format: `0x01 | term (4, big-endian) | nonce (12) | AES-256-GCM ciphertext | tag (16)` with the storage
/// path as associated data, so an entry copied to another path fails to open. While unsealed it also holds the
/// root (unseal) key, which seals the keyring when it is rotated, as Vault's barrier does. Sealing drops both
/// (they are ``SecretKey``s and are wiped when released).
final class Barrier: Sendable {
    private let keyring = Mutex<Keyring?>(nil)
    private let rootKey = Mutex<SecretKey?>(nil)
    static let entryFormat: UInt8 = 0x01
    static let keyringPath = "core/keyring"

    var isUnsealed: Bool { keyring.withLock { $0 != nil } }

    /// Installs the keyring and the root key (unseal).
    func unseal(with keyring: Keyring, rootKey: SecretKey) {
        self.rootKey.withLock { $0 = rootKey }
        self.keyring.withLock { $0 = keyring }
    }

    /// Drops the keyring and the root key (seal).
    func seal() {
        keyring.withLock { $0 = nil }
        rootKey.withLock { $0 = nil }
    }

    /// The stored keyring opened with the root key, with a new term added, and its sealed form to persist.
    /// Starting from storage keeps terms another process added.
    func rotated(storedKeyring: [UInt8]) throws -> (Keyring, [UInt8]) {
        guard let root = rootKey.withLock({ $0 }) else { throw KeyServiceError(.sealed, "Vault is sealed") }
        var keyring = try Self.openKeyring(storedKeyring, unsealKey: root)
        try keyring.rotate()
        return (keyring, try Self.sealKeyring(keyring, unsealKey: root))
    }

    /// An entry was written under a term this process has not loaded (another process rotated the keyring).
    struct UnknownTerm: Error {}

    /// Reloads the keyring from its stored, sealed form with the root key.
    func reload(storedKeyring: [UInt8]) throws {
        guard let root = rootKey.withLock({ $0 }) else { throw KeyServiceError(.sealed, "Vault is sealed") }
        install(try Self.openKeyring(storedKeyring, unsealKey: root))
    }

    /// Replaces the installed keyring (after a rotation was persisted).
    func install(_ keyring: Keyring) {
        self.keyring.withLock { current in
            if current != nil { current = keyring }
        }
    }

    /// The active term (for `sys/key-status`).
    var activeTerm: UInt32? { keyring.withLock { $0?.activeTerm } }

    func encrypt(_ plaintext: some Collection<UInt8>, path: String) throws -> [UInt8] {
        try encrypt(SecureBytes(copying: Array(plaintext)), path: path)
    }

    func encrypt(_ plaintext: SecureBytes, path: String) throws -> [UInt8] {
        let (term, key) = try keyring.withLock { keyring -> (UInt32, SecretKey) in
            guard let keyring, let key = keyring.terms[keyring.activeTerm] else { throw KeyServiceError(.sealed, "Vault is sealed") }
            return (keyring.activeTerm, key)
        }
        let nonce = try SecureRandom.bytes(count: 12)
        let box = try AES.GCM.seal(plaintext, key: key, nonce: nonce, authenticating: Self.associatedData(path))
        return [Self.entryFormat] + bigEndian(term) + nonce + box.ciphertext + box.tag
    }

    func decrypt(_ entry: [UInt8], path: String) throws -> SecureBytes {
        guard entry.count >= 1 + 4 + 12 + 16, entry[0] == Self.entryFormat else {
            throw KeyServiceError(.internalFailure, "a stored entry is malformed")
        }
        let term = entry.withUnsafeBytes { readBigEndian($0, 1) }
        let key = try keyring.withLock { keyring -> SecretKey in
            guard let keyring else { throw KeyServiceError(.sealed, "Vault is sealed") }
            guard let key = keyring.terms[term] else { throw UnknownTerm() }
            return key
        }
        let box = AEADSealedBox(ciphertext: Array(entry[17..<(entry.count - 16)]), tag: Array(entry.suffix(16)))
        do {
            return try AES.GCM.open(box, key: key, nonce: Array(entry[5..<17]), authenticating: Self.associatedData(path))
        } catch {
            throw KeyServiceError(.internalFailure, "a stored entry failed authentication")
        }
    }

    /// Seals the keyring under the unseal key: `0x01 | nonce | ciphertext | tag`.
    static func sealKeyring(_ keyring: Keyring, unsealKey: SecretKey) throws -> [UInt8] {
        let nonce = try SecureRandom.bytes(count: 12)
        let box = try AES.GCM.seal(keyring.serialized(), key: unsealKey, nonce: nonce, authenticating: associatedData(keyringPath))
        return [entryFormat] + nonce + box.ciphertext + box.tag
    }

    /// Opens the sealed keyring; a wrong unseal key is ``KeyServiceError/Code/invalidRequest``.
    static func openKeyring(_ sealed: [UInt8], unsealKey: SecretKey) throws -> Keyring {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == entryFormat else { throw KeyServiceError(.internalFailure, "the stored keyring is malformed") }
        let box = AEADSealedBox(ciphertext: Array(sealed[13..<(sealed.count - 16)]), tag: Array(sealed.suffix(16)))
        let plaintext: SecureBytes
        do {
            plaintext = try AES.GCM.open(box, key: unsealKey, nonce: Array(sealed[1..<13]), authenticating: associatedData(keyringPath))
        } catch {
            throw KeyServiceError(.invalidRequest, "the unseal key is wrong")
        }
        return try Keyring(serialized: plaintext)
    }

    private static func associatedData(_ path: String) -> [UInt8] {
        Array("chatsecurity-barrier-v1|\(path)".utf8)
    }
}
