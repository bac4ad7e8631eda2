import CryptoPrimitives
import Foundation
import Synchronization

/// The settings of a Transit key (everything but key material), persisted as JSON inside the key record.
struct KeyMetadata: Codable, Sendable, Equatable {
    var name: String
    var type: TransitKeyType
    var latestVersion: UInt32
    var minDecryptionVersion: UInt32
    var minEncryptionVersion: UInt32
    var minAvailableVersion: UInt32
    var deletionAllowed: Bool
    var derived: Bool
    var convergentEncryption: Bool
    var exportable: Bool
    var allowPlaintextBackup: Bool
    var autoRotatePeriod: Int64
    var importedKey: Bool
    var allowRotation: Bool
    var hmacKeySize: Int

    /// Checks settings that arrive from outside (restore): every range the service relies on, so no later
    /// arithmetic or allocation can be driven by a crafted backup.
    func validate() throws {
        let valid = latestVersion >= 1 && latestVersion <= UInt32(TransitKey.maximumVersions) * 1000
            && (1...latestVersion).contains(minDecryptionVersion)
            && (minEncryptionVersion == 0 || minEncryptionVersion <= latestVersion)
            && minAvailableVersion <= minDecryptionVersion
            && (autoRotatePeriod == 0 || (3600...Duration.maximumSeconds).contains(autoRotatePeriod))
            && (type != .hmac || (32...512).contains(hmacKeySize)) && (type == .hmac || hmacKeySize == 0 || hmacKeySize == 32)
            && (!convergentEncryption || derived) && (!derived || type.supportsDerivation)
        guard valid else { throw KeyServiceError(.invalidRequest, "invalid backup") }
    }
}

/// One version of a key: its material (raw symmetric key, Ed25519 seed, or PKCS#8 DER) and its HMAC key.
struct KeyVersion: Sendable {
    let creationTime: Int64
    let material: SecureBytes
    let hmacKey: SecureBytes
}

/// A Transit key: settings and versions. A value type; updates are written back with compare-and-swap.
struct TransitKey: Sendable {
    var metadata: KeyMetadata
    var versions: [UInt32: KeyVersion]
    /// Parsed asymmetric keys, shared by copies (parsing RSA is expensive).
    let parsed = ParsedKeys()

    /// The most versions a key keeps (trim older ones). Bounds records and parsing.
    static let maximumVersions = 10_000
    /// The largest key record (rotation beyond it fails cleanly instead of corrupting; Vault's users hit 1 MiB).
    static let maximumRecordSize = 64 << 20

    /// Generates a new key with one version.
    static func generate(metadata: KeyMetadata, now: Int64) throws -> TransitKey {
        var key = TransitKey(metadata: metadata, versions: [:])
        key.metadata.latestVersion = 0
        try key.addVersion(material: try generateMaterial(for: metadata), now: now)
        return key
    }

    static func generateMaterial(for metadata: KeyMetadata) throws -> SecureBytes {
        switch metadata.type {
        case .aes128GCM96, .aes256GCM96, .chacha20Poly1305: return try SecureRandom.secureBytes(count: metadata.type.symmetricKeySize)
        case .hmac: return try SecureRandom.secureBytes(count: metadata.hmacKeySize)
        case .ed25519: return try SecureRandom.secureBytes(count: 32)
        case .ecdsaP256, .ecdsaP384:
            guard let curve = metadata.type.curve else { throw KeyServiceError(.internalFailure, "no curve for key type") }
            return try ECDSA.PrivateKey.generate(curve: curve).pkcs8DERRepresentation()
        case .rsa2048, .rsa3072, .rsa4096:
            return try RSA.PrivateKey.generate(bits: metadata.type.rsaBits).pkcs8DERRepresentation()
        }
    }

    /// Adds a version after the latest.
    mutating func addVersion(material: SecureBytes, now: Int64) throws {
        guard versions.count < Self.maximumVersions else {
            throw KeyServiceError(.invalidRequest, "the key has too many versions; trim old versions first")
        }
        guard metadata.latestVersion < UInt32.max - 1 else { throw KeyServiceError(.invalidRequest, "key version overflow") }
        let version = metadata.latestVersion + 1
        versions[version] = KeyVersion(creationTime: now, material: material, hmacKey: try SecureRandom.secureBytes(count: 32))
        metadata.latestVersion = version
        if metadata.minDecryptionVersion == 0 { metadata.minDecryptionVersion = 1 }
    }

    /// The version to encrypt or sign with: `requested` (0 or absent = latest), checked against the minimum.
    func encryptionVersion(_ requested: Int64?) throws -> UInt32 {
        guard let requested, requested != 0 else { return metadata.latestVersion }
        guard requested > 0, requested <= Int64(metadata.latestVersion) else {
            throw KeyServiceError(.invalidRequest, "requested version is newer than the latest key version")
        }
        let minimum = metadata.minEncryptionVersion
        guard minimum == 0 || UInt32(requested) >= minimum else {
            throw KeyServiceError(.invalidRequest, "requested version is older than the minimum encryption version")
        }
        return UInt32(requested)
    }

    /// The version of a ciphertext or signature, checked for decryption.
    func decryptionVersion(_ version: UInt32) throws -> KeyVersion {
        let version = max(version, 1)
        guard version <= metadata.latestVersion else { throw KeyServiceError(.invalidRequest, "invalid ciphertext: key version is newer than the latest") }
        guard version >= metadata.minDecryptionVersion else {
            throw KeyServiceError(.invalidRequest, "ciphertext or signature version is disallowed by policy (too old)")
        }
        guard let entry = versions[version] else { throw KeyServiceError(.invalidRequest, "the key version has been trimmed") }
        return entry
    }

    func version(_ number: UInt32) throws -> KeyVersion {
        guard let entry = versions[number] else { throw KeyServiceError(.invalidRequest, "key version not found") }
        return entry
    }
}

/// Cache of parsed asymmetric keys per version.
final class ParsedKeys: Sendable {
    private let rsa = Mutex<[UInt32: RSA.PrivateKey]>([:])
    private let ecdsa = Mutex<[UInt32: ECDSA.PrivateKey]>([:])
    private let ed25519 = Mutex<[UInt32: Ed25519.PrivateKey]>([:])

    func rsaKey(_ version: UInt32, _ entry: KeyVersion) throws -> RSA.PrivateKey {
        if let key = rsa.withLock({ $0[version] }) { return key }
        let key = try RSA.PrivateKey(pkcs8DER: entry.material)
        rsa.withLock { $0[version] = key }
        return key
    }

    func ecdsaKey(_ version: UInt32, _ entry: KeyVersion, curve: ECDSA.Curve) throws -> ECDSA.PrivateKey {
        if let key = ecdsa.withLock({ $0[version] }) { return key }
        let key = try ECDSA.PrivateKey(pkcs8DER: entry.material, curve: curve)
        ecdsa.withLock { $0[version] = key }
        return key
    }

    func ed25519Key(_ version: UInt32, _ entry: KeyVersion) throws -> Ed25519.PrivateKey {
        if let key = ed25519.withLock({ $0[version] }) { return key }
        let key = try Ed25519.PrivateKey(seed: entry.material)
        ed25519.withLock { $0[version] = key }
        return key
    }
}
