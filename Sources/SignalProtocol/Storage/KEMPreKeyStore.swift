/// KEM prekeys for PQXDH (reserved: version 3 sessions do not use them).
public protocol KEMPreKeyStore: Sendable {
    /// The KEM prekey with `id`, or `nil`.
    func kemPreKey(id: UInt32) async throws -> KEMPreKeyRecord?
    /// Stores a KEM prekey.
    func saveKEMPreKey(_ record: KEMPreKeyRecord) async throws
    /// Records that a (one-time) KEM prekey was used.
    func markKEMPreKeyUsed(id: UInt32) async throws
}
