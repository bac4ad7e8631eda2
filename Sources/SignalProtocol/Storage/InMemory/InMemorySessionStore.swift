import Synchronization

/// Session records in memory.
public final class InMemorySessionStore: SessionStore {
    private let records = Mutex<[ProtocolAddress: SessionRecord]>([:])
    /// An empty store.
    public init() {}
    /// The record for `address`.
    public func loadSession(for address: ProtocolAddress) async -> SessionRecord? { records.withLock { $0[address] } }
    /// Replaces the record for `address`.
    public func storeSession(_ record: SessionRecord, for address: ProtocolAddress) async { records.withLock { $0[address] = record } }
}
