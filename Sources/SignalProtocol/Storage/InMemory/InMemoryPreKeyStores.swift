import Synchronization

/// One-time prekeys in memory.
public final class InMemoryPreKeyStore: PreKeyStore {
    private let records = Mutex<[UInt32: PreKeyRecord]>([:])
    /// An empty store.
    public init() {}
    /// The prekey with `id`.
    public func preKey(id: UInt32) async -> PreKeyRecord? { records.withLock { $0[id] } }
    /// Stores a prekey.
    public func savePreKey(_ record: PreKeyRecord) async { records.withLock { $0[record.id] = record } }
    /// Removes a prekey.
    public func removePreKey(id: UInt32) async { records.withLock { $0[id] = nil } }
}

/// Signed prekeys in memory.
public final class InMemorySignedPreKeyStore: SignedPreKeyStore {
    private let records = Mutex<[UInt32: SignedPreKeyRecord]>([:])
    /// An empty store.
    public init() {}
    /// The signed prekey with `id`.
    public func signedPreKey(id: UInt32) async -> SignedPreKeyRecord? { records.withLock { $0[id] } }
    /// Stores a signed prekey.
    public func saveSignedPreKey(_ record: SignedPreKeyRecord) async { records.withLock { $0[record.id] = record } }
}

/// KEM prekeys in memory.
public final class InMemoryKEMPreKeyStore: KEMPreKeyStore {
    private let records = Mutex<[UInt32: KEMPreKeyRecord]>([:])
    private let used = Mutex<Set<UInt32>>([])
    /// An empty store.
    public init() {}
    /// The KEM prekey with `id`.
    public func kemPreKey(id: UInt32) async -> KEMPreKeyRecord? { records.withLock { $0[id] } }
    /// Stores a KEM prekey.
    public func saveKEMPreKey(_ record: KEMPreKeyRecord) async { records.withLock { $0[record.id] = record } }
    /// Records a use.
    public func markKEMPreKeyUsed(id: UInt32) async { _ = used.withLock { $0.insert(id) } }
}
