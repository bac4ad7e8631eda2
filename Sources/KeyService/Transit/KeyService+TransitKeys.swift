import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    /// The key `name`, with its storage version (for compare-and-swap), or `nil`.
    func loadKey(_ mount: TransitMount, _ name: String) async throws -> (TransitKey, UInt64)? {
        let path = mount.keyPath(name)
        let generation = caches.generation
        guard let entry = try await storageGet(path) else { return nil }
        if let cached: TransitKey = caches.document(path: path, version: entry.version) { return (cached, entry.version) }
        let key = try TransitKey(serialized: try await decrypt(entry.value, path: path))
        caches.store(document: key, path: path, version: entry.version, generation: generation)
        return (key, entry.version)
    }

    func requireKey(_ mount: TransitMount, _ name: String) async throws -> (TransitKey, UInt64) {
        guard let found = try await loadKey(mount, name) else { throw KeyServiceError(.invalidRequest, "encryption key not found") }
        return found
    }

    func saveKey(_ key: TransitKey, _ mount: TransitMount, expectedVersion: UInt64?) async throws {
        let path = mount.keyPath(key.metadata.name)
        let generation = caches.generation
        let version = try await writeEntry(path, try key.serialized(), expectedVersion: expectedVersion)
        caches.store(document: key, path: path, version: version, generation: generation)
    }

    /// Read-modify-write of a key with compare-and-swap (another request or process may change it concurrently).
    @discardableResult
    func updateKey(_ mount: TransitMount, _ name: String, _ change: (inout TransitKey) throws -> Void) async throws -> TransitKey {
        try await withRetries {
            guard let (key, version) = try await loadKey(mount, name) else { throw KeyServiceError(.notFound, "") }
            var updated = key
            try change(&updated)
            try await saveKey(updated, mount, expectedVersion: version)
            return updated
        }
    }

    func transitConfig(_ mount: TransitMount) async throws -> (TransitConfig, UInt64) {
        try await readDocument(TransitConfig.self, mount.configPath) ?? (TransitConfig(disableUpsert: false, cacheSize: 0), 0)
    }

    /// Metadata of a new key from a `keys/:name` (or upsert, or import) request body.
    func newKeyMetadata(name: String, body: JSONValue?, defaultType: TransitKeyType = .aes256GCM96, imported: Bool = false) throws -> KeyMetadata {
        let type = try body?["type"]?.stringValue.map { try TransitKeyType.parse($0) } ?? defaultType
        let derived = body?["derived"]?.boolValue ?? false
        let convergent = body?["convergent_encryption"]?.boolValue ?? false
        if convergent && !derived { throw KeyServiceError(.invalidRequest, "convergent encryption requires derivation to be enabled") }
        if convergent && !type.isSymmetricAEAD { throw KeyServiceError(.invalidRequest, "convergent encryption not supported for keys of this type") }
        if derived && !type.supportsDerivation { throw KeyServiceError(.invalidRequest, "key derivation not supported for keys of this type") }
        let period = try Duration.seconds(from: body?["auto_rotate_period"]) ?? 0
        guard period == 0 || period >= 3600 else { throw KeyServiceError(.invalidRequest, "auto rotate period must be 0 to disable or at least an hour") }
        var hmacSize = 32
        if let size = body?["key_size"]?.integerValue, size != 0 {
            guard type == .hmac else { throw KeyServiceError(.invalidRequest, "key_size is only valid for hmac keys") }
            guard (32...512).contains(size) else { throw KeyServiceError(.invalidRequest, "invalid key_size for hmac key, must be between 32 and 512 bytes") }
            hmacSize = Int(size)
        }
        return KeyMetadata(
            name: name, type: type, latestVersion: 0, minDecryptionVersion: 1, minEncryptionVersion: 0, minAvailableVersion: 0,
            deletionAllowed: false, derived: derived, convergentEncryption: convergent,
            exportable: body?["exportable"]?.boolValue ?? false, allowPlaintextBackup: body?["allow_plaintext_backup"]?.boolValue ?? false,
            autoRotatePeriod: period, importedKey: imported, allowRotation: body?["allow_rotation"]?.boolValue ?? !imported, hmacKeySize: hmacSize
        )
    }

    /// `POST keys/:name`: creates the key, or returns the existing one with a warning.
    func createKey(_ mount: TransitMount, name: String, body: JSONValue?) async throws -> VaultResponse {
        let metadata = try newKeyMetadata(name: name, body: body)
        if let (existing, _) = try await loadKey(mount, name) {
            return .ok(keyInfo(existing), warnings: ["key already exists"], mountType: "transit")
        }
        let key = try TransitKey.generate(metadata: metadata, now: now)
        do {
            try await saveKey(key, mount, expectedVersion: 0)
        } catch is StorageConflict {
            guard let (existing, _) = try await loadKey(mount, name) else { throw KeyServiceError(.internalFailure, "key creation raced") }
            return .ok(keyInfo(existing), warnings: ["key already exists"], mountType: "transit")
        }
        return .ok(keyInfo(key), mountType: "transit")
    }

    /// The `data` of a key read.
    func keyInfo(_ key: TransitKey) -> JSONValue {
        let meta = key.metadata
        var versions: [String: JSONValue] = [:]
        for (number, version) in key.versions where number >= meta.minAvailableVersion {
            if meta.type.isAsymmetric {
                versions[String(number)] = [
                    "public_key": .string((try? publicKeyText(key, number)) ?? ""),
                    "creation_time": .string(Timestamp.rfc3339(version.creationTime)),
                    "name": .string(publicKeyName(meta.type)),
                ]
            } else {
                versions[String(number)] = .integer(version.creationTime)
            }
        }
        var data: [String: JSONValue] = [
            "name": .string(meta.name), "type": .string(meta.type.rawValue), "keys": .object(versions),
            "latest_version": .integer(Int64(meta.latestVersion)), "min_decryption_version": .integer(Int64(meta.minDecryptionVersion)),
            "min_encryption_version": .integer(Int64(meta.minEncryptionVersion)), "min_available_version": .integer(Int64(meta.minAvailableVersion)),
            "deletion_allowed": .bool(meta.deletionAllowed), "derived": .bool(meta.derived), "exportable": .bool(meta.exportable),
            "allow_plaintext_backup": .bool(meta.allowPlaintextBackup), "supports_encryption": .bool(meta.type.supportsEncryption),
            "supports_decryption": .bool(meta.type.supportsEncryption), "supports_derivation": .bool(meta.type.supportsDerivation),
            "supports_signing": .bool(meta.type.supportsSigning), "auto_rotate_period": .integer(meta.autoRotatePeriod),
            "imported_key": .bool(meta.importedKey), "convergent_encryption": .bool(meta.convergentEncryption),
        ]
        if meta.derived { data["kdf"] = "hkdf_sha256" }
        if meta.convergentEncryption { data["convergent_encryption_version"] = 3 }
        if meta.importedKey { data["imported_key_allow_rotation"] = .bool(meta.allowRotation) }
        if meta.type == .hmac { data["key_size"] = .integer(Int64(meta.hmacKeySize)) }
        return .object(data)
    }

    private func publicKeyName(_ type: TransitKeyType) -> String {
        switch type {
        case .ecdsaP256: "P-256"
        case .ecdsaP384: "P-384"
        default: type.rawValue
        }
    }

    /// The public key of a version: base64 for Ed25519, PKIX PEM for ECDSA and RSA.
    func publicKeyText(_ key: TransitKey, _ number: UInt32) throws -> String {
        let version = try key.version(number)
        switch key.metadata.type {
        case .ed25519:
            return Base64.encode(try key.parsed.ed25519Key(number, version).publicKey.rawRepresentation)
        case .ecdsaP256, .ecdsaP384:
            guard let curve = key.metadata.type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
            return try key.parsed.ecdsaKey(number, version, curve: curve).publicKey.pemRepresentation
        case .rsa2048, .rsa3072, .rsa4096:
            return try key.parsed.rsaKey(number, version).publicKey.pemRepresentation
        default:
            throw KeyServiceError(.invalidRequest, "key type has no public key")
        }
    }

    /// `POST keys/:name/config`.
    func configureKey(_ mount: TransitMount, name: String, body: JSONValue?) async throws -> TransitKey {
        try await updateKey(mount, name) { key in
            var meta = key.metadata
            if let value = body?["min_decryption_version"]?.integerValue {
                guard value >= 0, value <= Int64(meta.latestVersion) else { throw KeyServiceError(.invalidRequest, "cannot set min decryption version beyond the latest version") }
                if value > 0 {
                    guard value >= Int64(meta.minAvailableVersion) else { throw KeyServiceError(.invalidRequest, "cannot set min decryption version below min available version") }
                    meta.minDecryptionVersion = UInt32(value)
                }
            }
            if let value = body?["min_encryption_version"]?.integerValue {
                guard value >= 0, value <= Int64(meta.latestVersion) else { throw KeyServiceError(.invalidRequest, "cannot set min encryption version beyond the latest version") }
                meta.minEncryptionVersion = UInt32(value)
            }
            if meta.minEncryptionVersion > 0 && meta.minEncryptionVersion < meta.minDecryptionVersion {
                throw KeyServiceError(.invalidRequest, "min encryption version should not be less than min decryption version")
            }
            if let value = body?["deletion_allowed"]?.boolValue { meta.deletionAllowed = value }
            if let value = body?["exportable"]?.boolValue {
                guard value || !meta.exportable else { throw KeyServiceError(.invalidRequest, "exportability cannot be disabled after enabling") }
                meta.exportable = value
            }
            if let value = body?["allow_plaintext_backup"]?.boolValue {
                guard value || !meta.allowPlaintextBackup else { throw KeyServiceError(.invalidRequest, "plaintext backup cannot be disabled after enabling") }
                meta.allowPlaintextBackup = value
            }
            if let period = try Duration.seconds(from: body?["auto_rotate_period"]) {
                guard period == 0 || period >= 3600 else { throw KeyServiceError(.invalidRequest, "auto rotate period must be 0 to disable or at least an hour") }
                meta.autoRotatePeriod = period
            }
            key.metadata = meta
        }
    }

    /// `POST keys/:name/rotate`. With `onlyIfDue`, the rotation happens only if the key is still due when the
    /// compare-and-swap runs, so processes sharing storage rotate a due key once, not once each.
    @discardableResult
    func rotateKey(_ mount: TransitMount, name: String, onlyIfDue: Bool = false) async throws -> TransitKey {
        let now = self.now
        return try await updateKey(mount, name) { key in
            guard !key.metadata.importedKey || key.metadata.allowRotation else {
                throw KeyServiceError(.invalidRequest, "imported key does not allow rotation within Vault")
            }
            if onlyIfDue && !Self.isDue(key, now: now) { throw NotDue() }
            try key.addVersion(material: try TransitKey.generateMaterial(for: key.metadata), now: now)
        }
    }

    private struct NotDue: Error {}

    /// Whether the key's `auto_rotate_period` has elapsed since its latest version.
    static func isDue(_ key: TransitKey, now: Int64) -> Bool {
        guard key.metadata.autoRotatePeriod > 0, !key.metadata.importedKey || key.metadata.allowRotation,
              let latest = key.versions[key.metadata.latestVersion]
        else { return false }
        let (elapsed, overflow) = now.subtractingReportingOverflow(latest.creationTime)
        return !overflow && elapsed >= key.metadata.autoRotatePeriod
    }

    /// `POST keys/:name/trim`: removes versions below `min_available_version`.
    func trimKey(_ mount: TransitMount, name: String, body: JSONValue?) async throws -> TransitKey {
        guard let minimum = body?["min_available_version"]?.integerValue, minimum > 0 else {
            throw KeyServiceError(.invalidRequest, "expected a positive min_available_version")
        }
        return try await updateKey(mount, name) { key in
            var meta = key.metadata
            guard minimum <= Int64(meta.minDecryptionVersion) else {
                throw KeyServiceError(.invalidRequest, "cannot set min available version above min decryption version")
            }
            guard meta.minEncryptionVersion == 0 || minimum <= Int64(meta.minEncryptionVersion) else {
                throw KeyServiceError(.invalidRequest, "cannot set min available version above min encryption version")
            }
            guard minimum >= Int64(meta.minAvailableVersion) else { throw KeyServiceError(.invalidRequest, "cannot decrease min available version") }
            meta.minAvailableVersion = UInt32(minimum)
            key.metadata = meta
            key.versions = key.versions.filter { $0.key >= UInt32(minimum) }
        }
    }

    /// `DELETE keys/:name` (only when `deletion_allowed`).
    func deleteKey(_ mount: TransitMount, name: String) async throws {
        guard let (key, _) = try await loadKey(mount, name) else { throw KeyServiceError(.invalidRequest, "could not delete key; not found") }
        guard key.metadata.deletionAllowed else { throw KeyServiceError(.invalidRequest, "deletion is not allowed for this key") }
        try await storageDelete(mount.keyPath(name))
        caches.remove(path: mount.keyPath(name))
    }

    /// `LIST keys`.
    func listKeys(_ mount: TransitMount) async throws -> [String] {
        try await storageList(mount.keysPrefix).map { String($0.dropFirst(mount.keysPrefix.count)) }
    }

    /// Rotates every key whose `auto_rotate_period` has elapsed since its latest version; returns how many.
    /// Runs periodically while unsealed.
    @discardableResult
    public func rotateDueKeys() async throws -> Int {
        guard !isSealed, barrier.isUnsealed else { return 0 }
        var rotated = 0
        var namespaces: [Namespace] = [.root]
        for key in try await storageList(Self.namespacePrefix) {
            namespaces.append(Namespace(validated: String(key.dropFirst(Self.namespacePrefix.count)).replacingOccurrences(of: "%2F", with: "/")))
        }
        for namespace in namespaces {
            let (table, _) = try await mountTable(namespace)
            for entry in table.mounts where entry.type == "transit" {
                let mount = TransitMount(namespace: namespace, entry: entry, prefix: logicalPrefix(namespace, entry))
                for name in try await listKeys(mount) {
                    guard let (key, _) = try await loadKey(mount, name), Self.isDue(key, now: now) else { continue }
                    do {
                        try await rotateKey(mount, name: name, onlyIfDue: true)
                        rotated += 1
                    } catch is NotDue {
                        continue  // another process rotated it first
                    }
                }
            }
        }
        return rotated
    }
}
