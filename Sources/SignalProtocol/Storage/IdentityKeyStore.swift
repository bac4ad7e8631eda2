/// Which way a message goes, for trust decisions.
public enum Direction: Sendable {
    /// We are about to encrypt to the identity.
    case sending
    /// We received a message from the identity.
    case receiving
}

/// The local identity and the identities of remote parties (trust on first use by default).
public protocol IdentityKeyStore: Sendable {
    /// The local identity key pair.
    func identityKeyPair() async throws -> IdentityKeyPair
    /// The local registration id.
    func localRegistrationID() async throws -> UInt32
    /// Records `identity` for `address`. Returns `true` when it replaced a different stored identity.
    @discardableResult
    func saveIdentity(_ identity: IdentityKey, for address: ProtocolAddress) async throws -> Bool
    /// Whether `identity` may be used for `address` in `direction`.
    func isTrustedIdentity(_ identity: IdentityKey, for address: ProtocolAddress, direction: Direction) async throws -> Bool
    /// The stored identity of `address`, if any.
    func identity(for address: ProtocolAddress) async throws -> IdentityKey?
}
