/// One-time prekeys in memory.
public actor InMemoryPreKeyStore: PreKeyStore {
    private var records: [UInt32: PreKeyRecord] = [:]
    /// An empty store.
    public init() {}
    /// The prekey with `id`.
    public func preKey(id: UInt32) -> PreKeyRecord? { records[id] }
    /// Stores a prekey.
    public func savePreKey(_ record: PreKeyRecord) { records[record.id] = record }
    /// Removes a prekey.
    public func removePreKey(id: UInt32) { records[id] = nil }
}

/// Signed prekeys in memory.
public actor InMemorySignedPreKeyStore: SignedPreKeyStore {
    private var records: [UInt32: SignedPreKeyRecord] = [:]
    /// An empty store.
    public init() {}
    /// The signed prekey with `id`.
    public func signedPreKey(id: UInt32) -> SignedPreKeyRecord? { records[id] }
    /// Stores a signed prekey.
    public func saveSignedPreKey(_ record: SignedPreKeyRecord) { records[record.id] = record }
}

/// KEM prekeys in memory.
public actor InMemoryKEMPreKeyStore: KEMPreKeyStore {
    private var records: [UInt32: KEMPreKeyRecord] = [:]
    private var used: Set<UInt32> = []
    /// An empty store.
    public init() {}
    /// The KEM prekey with `id`.
    public func kemPreKey(id: UInt32) -> KEMPreKeyRecord? { records[id] }
    /// Stores a KEM prekey.
    public func saveKEMPreKey(_ record: KEMPreKeyRecord) { records[record.id] = record }
    /// Records a use.
    public func markKEMPreKeyUsed(id: UInt32) { used.insert(id) }
}
