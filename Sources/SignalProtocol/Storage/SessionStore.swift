/// Session records, one per remote device. A store must write a record atomically: a reader sees the old
/// record or the new one, never a mix.
public protocol SessionStore: Sendable {
    /// The record for `address`, or `nil`.
    func loadSession(for address: ProtocolAddress) async throws -> SessionRecord?
    /// Replaces the record for `address`.
    func storeSession(_ record: SessionRecord, for address: ProtocolAddress) async throws
}
