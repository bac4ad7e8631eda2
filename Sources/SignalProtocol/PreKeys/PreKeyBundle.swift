public import CryptoPrimitives

/// What a device publishes so others can start sessions with it without it being online.
public struct PreKeyBundle: Sendable {
    /// The publisher's registration id.
    public let registrationID: UInt32
    /// The publisher's device id.
    public let deviceID: UInt32
    /// The one-time prekey's id, when the bundle has one.
    public let preKeyID: UInt32?
    /// The one-time prekey, when the bundle has one.
    public let preKey: X25519.PublicKey?
    /// The signed prekey's id.
    public let signedPreKeyID: UInt32
    /// The signed prekey.
    public let signedPreKey: X25519.PublicKey
    /// The identity's XEdDSA signature of `signedPreKey.serialized`; verified when the bundle is processed.
    public let signedPreKeySignature: [UInt8]
    /// The publisher's identity key.
    public let identityKey: IdentityKey
    /// The KEM prekey (PQXDH; reserved, unused by version 3 sessions).
    public let kemPreKey: KEMPreKey?

    /// A bundle's KEM prekey entry.
    public struct KEMPreKey: Sendable {
        /// Its id.
        public let id: UInt32
        /// The serialized public key with its type byte.
        public let publicKey: [UInt8]
        /// The identity's signature of `publicKey`.
        public let signature: [UInt8]

        /// An entry.
        public init(id: UInt32, publicKey: [UInt8], signature: [UInt8]) {
            self.id = id
            self.publicKey = publicKey
            self.signature = signature
        }
    }

    /// A bundle. `preKeyID` and `preKey` must be both present or both absent.
    public init(
        registrationID: UInt32,
        deviceID: UInt32,
        preKeyID: UInt32?,
        preKey: X25519.PublicKey?,
        signedPreKeyID: UInt32,
        signedPreKey: X25519.PublicKey,
        signedPreKeySignature: [UInt8],
        identityKey: IdentityKey,
        kemPreKey: KEMPreKey? = nil
    ) throws {
        guard (preKeyID == nil) == (preKey == nil) else {
            throw SignalError(.invalidKey, "one-time prekey id and key must come together")
        }
        self.registrationID = registrationID
        self.deviceID = deviceID
        self.preKeyID = preKeyID
        self.preKey = preKey
        self.signedPreKeyID = signedPreKeyID
        self.signedPreKey = signedPreKey
        self.signedPreKeySignature = signedPreKeySignature
        self.identityKey = identityKey
        self.kemPreKey = kemPreKey
    }
}
