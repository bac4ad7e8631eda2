import CryptoPrimitives
import Synchronization

/// Reuses materials across messages within limits, so a busy tenant does not call its key service for every
/// message (the AWS Encryption SDK's caching materials manager).
///
/// An encryption entry (data key, its wrapped copies and, for signed suites, the signing key) serves messages
/// with the same suite and encryption context until it is ``Limits/maximumAge`` old, has encrypted
/// ``Limits/maximumMessages`` messages, or would exceed ``Limits/maximumBytes`` plaintext bytes; then it is
/// dropped and fresh materials are fetched. Requests with an unknown plaintext length, or one above
/// ``Limits/maximumBytes``, bypass the cache. Decryption entries are keyed by the suite, the encrypted data keys and
/// the encryption context, and expire by age. Limits are checked and usage counted under one lock, so concurrent
/// encryptions never use an entry beyond its limits.
public final class CachingMaterialsManager: CryptographicMaterialsManager, Sendable {
    /// Usage limits for one cached data key.
    public struct Limits: Sendable {
        /// How long an entry is used.
        public var maximumAge: Duration
        /// How many messages one entry encrypts (at most 2³²).
        public var maximumMessages: UInt64
        /// How many plaintext bytes one entry encrypts.
        public var maximumBytes: UInt64

        /// Limits.
        public init(maximumAge: Duration, maximumMessages: UInt64 = 1 << 32, maximumBytes: UInt64 = UInt64.max) {
            self.maximumAge = maximumAge
            self.maximumMessages = Swift.min(maximumMessages, 1 << 32)
            self.maximumBytes = maximumBytes
        }
    }

    fileprivate struct EncryptEntry: AgedEntry {
        let materials: EncryptionMaterials
        let created: ContinuousClock.Instant
        var messages: UInt64
        var bytes: UInt64
    }

    fileprivate struct DecryptEntry: AgedEntry {
        let materials: DecryptionMaterials
        let created: ContinuousClock.Instant
    }

    private struct State {
        var encrypt: [[UInt8]: EncryptEntry] = [:]
        var decrypt: [[UInt8]: DecryptEntry] = [:]
        var hits = 0
        var misses = 0
    }

    private let underlying: any CryptographicMaterialsManager
    /// The limits.
    public let limits: Limits
    private let capacity: Int
    private let partition: [UInt8]
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    /// A cache in front of `underlying` holding up to `capacity` entries of each kind. Managers with different
    /// `partition` names never share entries even if they share a cache. `now` is for tests.
    public init(underlying: any CryptographicMaterialsManager, limits: Limits, capacity: Int = 1000, partition: String? = nil,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) throws {
        guard capacity > 0, limits.maximumMessages > 0, limits.maximumAge > .zero else {
            throw EnvelopeError(.invalidMaterials, "cache capacity, message limit and age limit must be positive")
        }
        self.underlying = underlying
        self.limits = limits
        self.capacity = capacity
        if let partition {
            self.partition = SHA512.hash(Array(partition.utf8))
        } else {
            do { self.partition = try SecureRandom.bytes(count: 32) } catch { throw EnvelopeError(.invalidMaterials, "partition generation failed") }
        }
        self.now = now
    }

    /// A cache in front of ``DefaultMaterialsManager`` over `keyring`.
    public convenience init(keyring: any Keyring, limits: Limits, capacity: Int = 1000, partition: String? = nil) throws {
        try self.init(underlying: DefaultMaterialsManager(keyring: keyring), limits: limits, capacity: capacity, partition: partition)
    }

    /// Cache hits and misses so far (for tests and metrics).
    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    /// Cached or fresh encryption materials.
    public func encryptionMaterials(for request: EncryptionMaterialsRequest) async throws -> EncryptionMaterials {
        guard let length = request.plaintextLength, length <= limits.maximumBytes else {
            return try await underlying.encryptionMaterials(for: request)
        }
        let key = try encryptKey(request)
        let instant = now()
        let cached: EncryptionMaterials? = state.withLock { state in
            guard var entry = state.encrypt[key] else { return nil }
            if instant - entry.created >= limits.maximumAge || entry.messages + 1 > limits.maximumMessages || entry.bytes > limits.maximumBytes - length {
                state.encrypt[key] = nil
                return nil
            }
            entry.messages += 1
            entry.bytes += length
            state.encrypt[key] = entry
            state.hits += 1
            return entry.materials
        }
        if let cached { return cached }
        let fresh = try await underlying.encryptionMaterials(for: request)
        state.withLock { state in
            state.misses += 1
            // Only the first message counts against the new entry; a concurrent miss may have inserted one too, in
            // which case the newer one replaces it and the older one's remaining uses are simply forgone.
            if state.encrypt.count >= capacity { Self.evict(&state.encrypt, maximumAge: limits.maximumAge, now: instant) }
            state.encrypt[key] = EncryptEntry(materials: fresh, created: instant, messages: 1, bytes: length)
        }
        return fresh
    }

    /// Cached or fresh decryption materials.
    public func decryptionMaterials(for request: DecryptionMaterialsRequest) async throws -> DecryptionMaterials {
        let key = try decryptKey(request)
        let instant = now()
        let cached: DecryptionMaterials? = state.withLock { state in
            guard let entry = state.decrypt[key] else { return nil }
            guard instant - entry.created < limits.maximumAge else {
                state.decrypt[key] = nil
                return nil
            }
            state.hits += 1
            return entry.materials
        }
        if let cached { return cached }
        let fresh = try await underlying.decryptionMaterials(for: request)
        state.withLock { state in
            state.misses += 1
            if state.decrypt.count >= capacity { Self.evict(&state.decrypt, maximumAge: limits.maximumAge, now: instant) }
            state.decrypt[key] = DecryptEntry(materials: fresh, created: instant)
        }
        return fresh
    }

    /// Drops every entry (for example after a key rotation).
    public func removeAll() {
        state.withLock { state in
            state.encrypt.removeAll()
            state.decrypt.removeAll()
        }
    }

    private static func evict<Entry: AgedEntry>(_ entries: inout [[UInt8]: Entry], maximumAge: Duration, now: ContinuousClock.Instant) {
        // Expired entries first; otherwise the oldest.
        let expired = entries.filter { now - $0.value.created >= maximumAge }.map(\.key)
        if !expired.isEmpty {
            for key in expired { entries[key] = nil }
            return
        }
        if let oldest = entries.min(by: { $0.value.created < $1.value.created })?.key { entries[oldest] = nil }
    }

    /// SHA-512(partition ‖ 0x01 ‖ suite ‖ SHA-512(serialized context)).
    private func encryptKey(_ request: EncryptionMaterialsRequest) throws -> [UInt8] {
        var suite: [UInt8] = []
        suite.appendUInt16(request.suite.rawValue)
        return SHA512.hash(parts: [partition, [UInt8(1)], suite, SHA512.hash(try request.encryptionContext.serialized())])
    }

    /// SHA-512(partition ‖ 0x02 ‖ suite ‖ sorted SHA-512 of each serialized encrypted data key ‖ SHA-512(context)).
    private func decryptKey(_ request: DecryptionMaterialsRequest) throws -> [UInt8] {
        var suite: [UInt8] = []
        suite.appendUInt16(request.suite.rawValue)
        let keys = request.encryptedDataKeys.map { key -> [UInt8] in
            var bytes: [UInt8] = []
            key.serialize(into: &bytes)
            return SHA512.hash(bytes)
        }.sorted { $0.lexicographicallyPrecedes($1) }
        return SHA512.hash(parts: [partition, [UInt8(2)], suite] + keys + [SHA512.hash(try request.encryptionContext.serialized())])
    }
}

/// A cache entry with a creation time.
private protocol AgedEntry {
    var created: ContinuousClock.Instant { get }
}
