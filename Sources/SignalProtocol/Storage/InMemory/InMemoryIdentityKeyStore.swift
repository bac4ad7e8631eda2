import Synchronization

/// Identities in memory, trusting each remote identity on first use and refusing a changed one until the
/// application saves it explicitly (after the user verified the new safety number).
public final class InMemoryIdentityKeyStore: IdentityKeyStore {
    private let identity: IdentityKeyPair
    private let registrationID: UInt32
    private let known = Mutex<[ProtocolAddress: IdentityKey]>([:])

    /// A store for the local identity.
    public init(identity: IdentityKeyPair, registrationID: UInt32) {
        self.identity = identity
        self.registrationID = registrationID
    }

    /// The local identity key pair.
    public func identityKeyPair() async -> IdentityKeyPair { identity }
    /// The local registration id.
    public func localRegistrationID() async -> UInt32 { registrationID }

    /// Records `identity`; `true` when it replaced a different one.
    @discardableResult
    public func saveIdentity(_ identity: IdentityKey, for address: ProtocolAddress) async -> Bool {
        known.withLock { known in
            let previous = known.updateValue(identity, forKey: address)
            return previous != nil && previous != identity
        }
    }

    /// Trusted when unknown (first use) or equal to the stored identity.
    public func isTrustedIdentity(_ identity: IdentityKey, for address: ProtocolAddress, direction: Direction) async -> Bool {
        known.withLock { known in known[address].map { $0 == identity } ?? true }
    }

    /// The stored identity.
    public func identity(for address: ProtocolAddress) async -> IdentityKey? {
        known.withLock { $0[address] }
    }
}
