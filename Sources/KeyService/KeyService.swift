import CryptoPrimitives
public import Foundation
import Synchronization

/// A Vault Transit–compatible key service, without HTTP: seal and barrier, tokens, ACL policies, namespaces,
/// mounts and the Transit engine. ``handle(_:)`` answers Vault API requests; `KeyServiceHTTP` serves them.
///
/// Everything persisted goes through the barrier (encrypted under the keyring) except the seal configuration.
/// While sealed, no key material is held: the keyring and every cache are dropped (their keys are
/// ``SecureBytes`` and wiped when released).
public final class KeyService: Sendable {
    let storage: any StorageBackend
    let barrier = Barrier()
    let sealState = Mutex(SealStateMachine())
    let clock: @Sendable () -> Int64
    let caches = Caches()
    /// The version string reported by `sys/health` and `sys/seal-status`.
    public let version: String


    /// A service over `storage`. Call ``start()`` before serving.
    public init(storage: any StorageBackend, version: String = "1.17.0+chatsecurity", clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.storage = storage
        self.version = version
        self.clock = clock
    }

    /// Reads the seal configuration: the service starts sealed if initialized.
    public func start() async throws {
        try await loadSealConfiguration()
    }

    /// Picks up an initialization done by another process sharing the storage (while this one is uninitialized).
    func refreshInitializationIfShared() async throws {
        guard storage.isShared, !isInitialized else { return }
        try await loadSealConfiguration()
    }

    private func loadSealConfiguration() async throws {
        guard let entry = try await storage.get(SealConfiguration.path) else { return }
        let config = try SealConfiguration(parsing: entry.value)
        sealState.withLock { $0.initialized(threshold: config.threshold, shares: config.shares) }
    }

    /// The current sealed keyring and the storage version of `core/keyring` (0 while the keyring is still the
    /// one committed with the seal configuration).
    func storedKeyring() async throws -> (sealed: [UInt8], version: UInt64) {
        if let rotated = try await storageGet(Barrier.keyringPath) { return (rotated.value, rotated.version) }
        guard let entry = try await storageGet(SealConfiguration.path) else {
            throw KeyServiceError(.internalFailure, "the keyring is missing from storage")
        }
        return (try SealConfiguration(parsing: entry.value).initialKeyring, 0)
    }

    var now: Int64 { clock() }

    // MARK: - Encrypted entries

    /// Reads and decrypts the entry at `path`.
    func readEntry(_ path: String) async throws -> (plaintext: SecureBytes, version: UInt64)? {
        guard let entry = try await storageGet(path) else { return nil }
        return (try await decrypt(entry.value, path: path), entry.version)
    }

    /// Decrypts an entry, reloading the keyring once if another process added a term.
    func decrypt(_ value: [UInt8], path: String) async throws -> SecureBytes {
        do {
            return try barrier.decrypt(value, path: path)
        } catch is Barrier.UnknownTerm {
            try barrier.reload(storedKeyring: try await storedKeyring().sealed)
            do {
                return try barrier.decrypt(value, path: path)
            } catch is Barrier.UnknownTerm {
                throw KeyServiceError(.internalFailure, "a stored entry uses an unknown keyring term")
            }
        }
    }

    /// Encrypts and writes the entry at `path` (compare-and-swap with `expectedVersion`).
    @discardableResult
    func writeEntry(_ path: String, _ plaintext: SecureBytes, expectedVersion: UInt64?) async throws -> UInt64 {
        let sealed = try barrier.encrypt(plaintext, path: path)
        do {
            return try await storage.put(path, value: sealed, expectedVersion: expectedVersion)
        } catch let conflict as StorageConflict {
            throw conflict
        } catch {
            throw KeyServiceError(.internalFailure, "writing to storage failed")
        }
    }

    func storageGet(_ path: String) async throws -> StoredEntry? {
        do { return try await storage.get(path) } catch { throw KeyServiceError(.internalFailure, "reading from storage failed") }
    }

    func storageDelete(_ path: String) async throws {
        do { try await storage.delete(path) } catch { throw KeyServiceError(.internalFailure, "deleting from storage failed") }
    }

    func storageList(_ prefix: String) async throws -> [String] {
        do { return try await storage.list(prefix: prefix) } catch { throw KeyServiceError(.internalFailure, "listing storage failed") }
    }

    /// Reads a JSON document through the barrier, caching the parsed value by storage version.
    func readDocument<T: Codable & Sendable>(_ type: T.Type, _ path: String) async throws -> (T, UInt64)? {
        let generation = caches.generation
        guard let entry = try await storageGet(path) else { return nil }
        if let cached: T = caches.document(path: path, version: entry.version) { return (cached, entry.version) }
        let plaintext = try await decrypt(entry.value, path: path)
        let value: T
        do {
            value = try plaintext.withUnsafeBytes { try JSONDecoder().decode(T.self, from: Data($0)) }
        } catch {
            throw KeyServiceError(.internalFailure, "a stored document is malformed")
        }
        caches.store(document: value, path: path, version: entry.version, generation: generation)
        return (value, entry.version)
    }

    @discardableResult
    func writeDocument<T: Codable & Sendable>(_ value: T, _ path: String, expectedVersion: UInt64?) async throws -> UInt64 {
        let generation = caches.generation
        let data = try JSONEncoder().encode(value)
        let version = try await writeEntry(path, SecureBytes(copying: data), expectedVersion: expectedVersion)
        caches.store(document: value, path: path, version: version, generation: generation)
        return version
    }

    /// Runs a read-modify-write with compare-and-swap, retrying on conflicts with other writers.
    func withRetries<T>(_ body: () async throws -> T) async throws -> T {
        for _ in 0..<32 {
            do {
                return try await body()
            } catch is StorageConflict {
                continue
            }
        }
        throw KeyServiceError(.internalFailure, "too many concurrent updates; retry")
    }
}

/// Parsed objects cached by (storage path, storage version), so a stale cache entry is never used: every read
/// checks the current version in storage first, and versions are never reused (see ``StoredEntry/version``).
/// Cleared on seal. A value decrypted before a seal cannot be stored after it: each store carries the
/// generation read before the decryption, and a seal starts a new generation.
final class Caches: Sendable {
    private struct Entry: @unchecked Sendable {
        // Safety: values are immutable Sendable documents or TransitKeys.
        let version: UInt64
        let value: Any
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    private static let limit = 100_000

    /// The current generation; pass it to ``store(document:path:version:generation:)``.
    var generation: UInt64 { state.withLock { $0.generation } }

    func document<T>(path: String, version: UInt64) -> T? {
        state.withLock { state in
            guard let entry = state.entries[path], entry.version == version else { return nil }
            return entry.value as? T
        }
    }

    func store<T: Sendable>(document value: T, path: String, version: UInt64, generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.limit { state.entries.removeAll() }
            state.entries[path] = Entry(version: version, value: value)
        }
    }

    func remove(path: String) { _ = state.withLock { $0.entries.removeValue(forKey: path) } }

    /// Drops everything and starts a new generation (seal).
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation &+= 1
        }
    }
}
