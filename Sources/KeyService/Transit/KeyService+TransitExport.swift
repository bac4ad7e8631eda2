import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    /// `GET export/:type/:name(/:version|latest)`.
    func export(_ mount: TransitMount, exportType: String, name: String, version: String?) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        let meta = key.metadata
        if exportType != "public-key" {
            guard meta.exportable else { throw KeyServiceError(.invalidRequest, "private key material is not exportable") }
        }
        var numbers = key.versions.keys.filter { $0 >= meta.minAvailableVersion }.sorted()
        if let version {
            if version == "latest" {
                numbers = [meta.latestVersion]
            } else {
                guard let number = UInt32(version), key.versions[number] != nil else { throw KeyServiceError(.invalidRequest, "version not found") }
                numbers = [number]
            }
        }
        var keys: [String: JSONValue] = [:]
        for number in numbers {
            let entry = try key.version(number)
            let value: String
            switch (exportType, meta.type) {
            case ("encryption-key", .aes128GCM96), ("encryption-key", .aes256GCM96), ("encryption-key", .chacha20Poly1305):
                value = Base64.encode(entry.material.unprotectedCopy())
            case ("encryption-key", let type) where type.isRSA, ("signing-key", let type) where type.isRSA:
                value = String(decoding: try key.parsed.rsaKey(number, entry).pkcs1PEMRepresentation().unprotectedCopy(), as: UTF8.self)
            case ("signing-key", .ed25519):
                let ed = try key.parsed.ed25519Key(number, entry)
                value = Base64.encode(ed.seed.unprotectedCopy() + ed.publicKey.rawRepresentation)
            case ("signing-key", let type) where type.isECDSA:
                guard let curve = type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
                value = String(decoding: try key.parsed.ecdsaKey(number, entry, curve: curve).sec1PEMRepresentation().unprotectedCopy(), as: UTF8.self)
            case ("hmac-key", _):
                value = Base64.encode(Self.hmacKey(key, entry).unprotectedCopy())
            case ("public-key", let type) where type.isAsymmetric:
                value = try publicKeyText(key, number)
            case ("encryption-key", _), ("signing-key", _), ("hmac-key", _), ("public-key", _):
                throw KeyServiceError(.invalidRequest, "key type does not support this export type")
            default:
                throw KeyServiceError(.invalidRequest, "invalid export type")
            }
            keys[String(number)] = .string(value)
        }
        return .ok(["name": .string(meta.name), "type": .string(meta.type.rawValue), "keys": .object(keys)], mountType: "transit")
    }

    static let backupFormat = "chatsecurity-transit-backup-v1"

    /// `GET backup/:name`: the key and all its versions, in plaintext (requires `exportable` and
    /// `allow_plaintext_backup`), as base64 of a JSON document.
    func backup(_ mount: TransitMount, name: String) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        guard key.metadata.exportable, key.metadata.allowPlaintextBackup else {
            throw KeyServiceError(.invalidRequest, "exporting is disallowed on the key; plaintext backup requires exportable and allow_plaintext_backup")
        }
        guard let metadata = try? JSONValue.parse(try JSONEncoder().encode(key.metadata)) else {
            throw KeyServiceError(.internalFailure, "the key metadata could not be encoded")
        }
        let versions: [JSONValue] = key.versions.keys.sorted().compactMap { number in
            guard let version = key.versions[number] else { return nil }
            return [
                "version": .integer(Int64(number)), "creation_time": .integer(version.creationTime),
                "key": .string(Base64.encode(version.material.unprotectedCopy())),
                "hmac_key": .string(Base64.encode(version.hmacKey.unprotectedCopy())),
            ]
        }
        let document: JSONValue = ["format": .string(Self.backupFormat), "metadata": metadata, "versions": .array(versions)]
        return .ok(["backup": .string(Base64.encode(document.serialized()))], mountType: "transit")
    }

    /// `POST restore(/:name)`.
    func restore(_ mount: TransitMount, name: String?, body: JSONValue?) async throws -> VaultResponse {
        guard let text = body?["backup"]?.stringValue, let data = Base64.decode(text), data.count <= 32 << 20 else {
            throw KeyServiceError(.invalidRequest, "backup must be provided, base64 encoded")
        }
        guard let document = try? JSONValue.parse(Data(data)) else { throw KeyServiceError(.invalidRequest, "failed to parse JSON input") }
        guard document["format"]?.stringValue == Self.backupFormat, let metadataValue = document["metadata"],
              var metadata = try? JSONDecoder().decode(KeyMetadata.self, from: metadataValue.serialized()),
              let versionList = document["versions"]?.arrayValue, versionList.count <= TransitKey.maximumVersions
        else { throw KeyServiceError(.invalidRequest, "invalid backup") }
        if let name { metadata.name = try TransitMount.validateName(name) } else { metadata.name = try TransitMount.validateName(metadata.name) }
        try metadata.validate()
        var versions: [UInt32: KeyVersion] = [:]
        for item in versionList {
            guard let number = item["version"]?.integerValue, number > 0, number <= Int64(metadata.latestVersion),
                  let created = item["creation_time"]?.integerValue, (0...Duration.maximumSeconds * 3).contains(created),
                  let material = item["key"]?.stringValue.flatMap(Base64.decode), let hmacKey = item["hmac_key"]?.stringValue.flatMap(Base64.decode)
            else { throw KeyServiceError(.invalidRequest, "invalid backup") }
            versions[UInt32(number)] = KeyVersion(creationTime: created, material: SecureBytes(copying: material), hmacKey: SecureBytes(copying: hmacKey))
        }
        guard let latest = versions.keys.max(), latest == metadata.latestVersion else { throw KeyServiceError(.invalidRequest, "invalid backup") }
        let key = TransitKey(metadata: metadata, versions: versions)
        try validateMaterial(key)
        let force = body?["force"]?.boolValue ?? false
        if !force, try await loadKey(mount, metadata.name) != nil {
            throw KeyServiceError(.invalidRequest, "key already exists; use force to overwrite it")
        }
        try await saveKey(key, mount, expectedVersion: nil)
        return .noContent
    }

    /// Checks that every version's material fits the key type (restores and imports come from outside).
    func validateMaterial(_ key: TransitKey) throws {
        for (number, version) in key.versions {
            switch key.metadata.type {
            case .aes128GCM96, .aes256GCM96, .chacha20Poly1305:
                guard version.material.count == key.metadata.type.symmetricKeySize else { throw KeyServiceError(.invalidRequest, "key material has the wrong size") }
            case .hmac:
                guard (32...512).contains(version.material.count) else { throw KeyServiceError(.invalidRequest, "hmac key material has the wrong size") }
            case .ed25519:
                _ = try key.parsed.ed25519Key(number, version)
            case .ecdsaP256, .ecdsaP384:
                guard let curve = key.metadata.type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
                _ = try key.parsed.ecdsaKey(number, version, curve: curve)
            case .rsa2048, .rsa3072, .rsa4096:
                guard try key.parsed.rsaKey(number, version).keySizeInBits == key.metadata.type.rsaBits else {
                    throw KeyServiceError(.invalidRequest, "RSA key size does not match the key type")
                }
            }
            guard version.hmacKey.count == 32 else { throw KeyServiceError(.invalidRequest, "invalid hmac key") }
        }
    }
}
