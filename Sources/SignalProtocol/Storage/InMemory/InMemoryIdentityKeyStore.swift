/// Identities in memory, trusting each remote identity on first use and refusing a changed one until the
/// application saves it explicitly (after the user verified the new safety number).
public actor InMemoryIdentityKeyStore: IdentityKeyStore {
    private let identity: IdentityKeyPair
    private let registrationID: UInt32
    private var known: [ProtocolAddress: IdentityKey] = [:]

    /// A store for the local identity.
    public init(identity: IdentityKeyPair, registrationID: UInt32) {
        self.identity = identity
        self.registrationID = registrationID
    }

    /// The local identity key pair.
    public func identityKeyPair() -> IdentityKeyPair { identity }
    /// The local registration id.
    public func localRegistrationID() -> UInt32 { registrationID }

    /// Records `identity`; `true` when it replaced a different one.
    @discardableResult
    public func saveIdentity(_ identity: IdentityKey, for address: ProtocolAddress) -> Bool {
        let previous = known[address]
        known[address] = identity
        return previous != nil && previous != identity
    }

    /// Trusted when unknown (first use) or equal to the stored identity.
    public func isTrustedIdentity(_ identity: IdentityKey, for address: ProtocolAddress, direction: Direction) -> Bool {
        guard let stored = known[address] else { return true }
        return stored == identity
    }

    /// The stored identity.
    public func identity(for address: ProtocolAddress) -> IdentityKey? { known[address] }
}
