/// Signed prekeys.
public protocol SignedPreKeyStore: Sendable {
    /// The signed prekey with `id`, or `nil`.
    func signedPreKey(id: UInt32) async throws -> SignedPreKeyRecord?
    /// Stores a signed prekey.
    func saveSignedPreKey(_ record: SignedPreKeyRecord) async throws
}
