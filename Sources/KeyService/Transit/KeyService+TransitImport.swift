import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    /// `GET wrapping_key`: the mount's RSA-4096 wrapping key (created on first use), as a PKIX PEM.
    func wrappingKey(_ mount: TransitMount) async throws -> RSA.PrivateKey {
        if let (plaintext, _) = try await readEntry(mount.wrappingKeyPath) {
            return try RSA.PrivateKey(pkcs8DER: plaintext)
        }
        let generated = try RSA.PrivateKey.generate(bits: 4096)
        do {
            try await writeEntry(mount.wrappingKeyPath, try generated.pkcs8DERRepresentation(), expectedVersion: 0)
            return generated
        } catch is StorageConflict {
            guard let (plaintext, _) = try await readEntry(mount.wrappingKeyPath) else { throw KeyServiceError(.internalFailure, "wrapping key vanished") }
            return try RSA.PrivateKey(pkcs8DER: plaintext)
        }
    }

    /// Unwraps a BYOK payload: `base64(RSA-OAEP(K) (512 bytes) || AES-KWP(K, key))` with OAEP's hash and MGF1 both
    /// `hash_function`, an empty label, and a 32-byte ephemeral key K.
    func unwrapImport(_ mount: TransitMount, body: JSONValue?) async throws -> SecureBytes {
        guard let text = body?["ciphertext"]?.stringValue, let payload = Base64.decode(text) else {
            throw KeyServiceError(.invalidRequest, "ciphertext must be provided, base64 encoded")
        }
        guard payload.count > 512 + 8, payload.count <= 512 + (1 << 20) else { throw KeyServiceError(.invalidRequest, "ciphertext has an invalid length") }
        let digest: RSA.Digest
        switch (body?["hash_function"]?.stringValue ?? "SHA256").uppercased() {
        case "SHA1": digest = .sha1
        case "SHA224": digest = .sha224
        case "SHA256": digest = .sha256
        case "SHA384": digest = .sha384
        case "SHA512": digest = .sha512
        default: throw KeyServiceError(.invalidRequest, "unsupported hash function")
        }
        let wrapping = try await wrappingKey(mount)
        let ephemeral: SecureBytes
        do {
            ephemeral = try wrapping.decryptOAEP(Array(payload.prefix(512)), digest: digest)
        } catch {
            throw KeyServiceError(.invalidRequest, "failed to unwrap the ephemeral key")
        }
        guard ephemeral.count == 32 else { throw KeyServiceError(.invalidRequest, "the ephemeral key must be 32 bytes") }
        do {
            return try AES.KeyWrap.unwrap(Array(payload.dropFirst(512)), kek: SecretKey(bytes: ephemeral))
        } catch {
            throw KeyServiceError(.invalidRequest, "failed to unwrap the imported key")
        }
    }

    /// Normalizes imported material for `type`: raw bytes for symmetric and HMAC keys, PKCS#8 DER for the others.
    func importedMaterial(_ target: SecureBytes, type: TransitKeyType) throws -> SecureBytes {
        switch type {
        case .aes128GCM96, .aes256GCM96, .chacha20Poly1305:
            guard target.count == type.symmetricKeySize else { throw KeyServiceError(.invalidRequest, "imported key has the wrong size for its type") }
            return target
        case .hmac:
            guard (32...512).contains(target.count) else { throw KeyServiceError(.invalidRequest, "imported hmac key must be 32 to 512 bytes") }
            return target
        case .ed25519:
            do { return try Ed25519.PrivateKey(pkcs8DER: target).seed } catch { throw KeyServiceError(.invalidRequest, "imported key is not an Ed25519 PKCS#8 key") }
        case .ecdsaP256, .ecdsaP384:
            guard let curve = type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
            do { return try ECDSA.PrivateKey(pkcs8DER: target, curve: curve).pkcs8DERRepresentation() } catch {
                throw KeyServiceError(.invalidRequest, "imported key is not a PKCS#8 key on the key type's curve")
            }
        case .rsa2048, .rsa3072, .rsa4096:
            let key: RSA.PrivateKey
            do { key = try RSA.PrivateKey(pkcs8DER: target) } catch { throw KeyServiceError(.invalidRequest, "imported key is not an RSA PKCS#8 key") }
            guard key.keySizeInBits == type.rsaBits else { throw KeyServiceError(.invalidRequest, "imported RSA key size does not match the key type") }
            return try key.pkcs8DERRepresentation()
        }
    }

    /// `POST keys/:name/import`: creates a key from wrapped material.
    func importKey(_ mount: TransitMount, name: String, body: JSONValue?) async throws -> VaultResponse {
        if try await loadKey(mount, name) != nil {
            throw KeyServiceError(.invalidRequest, "the import path cannot be used with an existing key; use import-version to rotate an existing imported key")
        }
        var metadata = try newKeyMetadata(name: name, body: body, imported: true)
        let target = try await unwrapImport(mount, body: body)
        let material = try importedMaterial(target, type: metadata.type)
        if metadata.type == .hmac { metadata.hmacKeySize = material.count }
        var key = TransitKey(metadata: metadata, versions: [:])
        key.metadata.latestVersion = 0
        try key.addVersion(material: material, now: now)
        do {
            try await saveKey(key, mount, expectedVersion: 0)
        } catch is StorageConflict {
            throw KeyServiceError(.invalidRequest, "the import path cannot be used with an existing key")
        }
        return .noContent
    }

    /// `POST keys/:name/import_version`: adds a version from wrapped material to an imported key.
    func importVersion(_ mount: TransitMount, name: String, body: JSONValue?) async throws -> VaultResponse {
        guard let (existing, _) = try await loadKey(mount, name) else { throw KeyServiceError(.invalidRequest, "key not found") }
        guard existing.metadata.importedKey else { throw KeyServiceError(.invalidRequest, "import_version is only for imported keys") }
        let target = try await unwrapImport(mount, body: body)
        let material = try importedMaterial(target, type: existing.metadata.type)
        let now = self.now
        try await updateKey(mount, name) { key in try key.addVersion(material: material, now: now) }
        return .noContent
    }
}
