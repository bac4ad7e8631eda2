/// One-time prekeys.
public protocol PreKeyStore: Sendable {
    /// The prekey with `id`, or `nil`.
    func preKey(id: UInt32) async throws -> PreKeyRecord?
    /// Stores a prekey.
    func savePreKey(_ record: PreKeyRecord) async throws
    /// Removes a prekey after it started a session.
    func removePreKey(id: UInt32) async throws
}
