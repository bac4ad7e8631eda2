/// The five stores a ``SessionCipher`` works with, one per concern.
public struct SignalStores: Sendable {
    /// Identities.
    public let identities: any IdentityKeyStore
    /// One-time prekeys.
    public let preKeys: any PreKeyStore
    /// Signed prekeys.
    public let signedPreKeys: any SignedPreKeyStore
    /// KEM prekeys (reserved for PQXDH).
    public let kemPreKeys: any KEMPreKeyStore
    /// Session records.
    public let sessions: any SessionStore

    /// Groups the stores.
    public init(
        identities: any IdentityKeyStore,
        preKeys: any PreKeyStore,
        signedPreKeys: any SignedPreKeyStore,
        kemPreKeys: any KEMPreKeyStore,
        sessions: any SessionStore
    ) {
        self.identities = identities
        self.preKeys = preKeys
        self.signedPreKeys = signedPreKeys
        self.kemPreKeys = kemPreKeys
        self.sessions = sessions
    }

    /// Fresh in-memory stores for `identity` (tests, ephemeral clients).
    public static func inMemory(identity: IdentityKeyPair, registrationID: UInt32) -> SignalStores {
        SignalStores(
            identities: InMemoryIdentityKeyStore(identity: identity, registrationID: registrationID),
            preKeys: InMemoryPreKeyStore(),
            signedPreKeys: InMemorySignedPreKeyStore(),
            kemPreKeys: InMemoryKEMPreKeyStore(),
            sessions: InMemorySessionStore()
        )
    }
}
