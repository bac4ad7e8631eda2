/// Session records in memory.
public actor InMemorySessionStore: SessionStore {
    private var records: [ProtocolAddress: SessionRecord] = [:]
    /// An empty store.
    public init() {}
    /// The record for `address`.
    public func loadSession(for address: ProtocolAddress) -> SessionRecord? { records[address] }
    /// Replaces the record for `address`.
    public func storeSession(_ record: SessionRecord, for address: ProtocolAddress) { records[address] = record }
}
