public import CryptoPrimitives

/// A one-time prekey: used by at most one incoming session, then removed.
public struct PreKeyRecord: Sendable {
    /// The id published in the bundle.
    public let id: UInt32
    /// The key pair.
    public let keyPair: CurveKeyPair

    /// A record.
    public init(id: UInt32, keyPair: CurveKeyPair) {
        self.id = id
        self.keyPair = keyPair
    }

    /// A fresh one-time prekey.
    public static func generate(id: UInt32) throws -> PreKeyRecord {
        PreKeyRecord(id: id, keyPair: try .generate())
    }
}

/// A signed prekey: medium-term, signed by the identity key (XEdDSA over its 33-byte serialized public key).
public struct SignedPreKeyRecord: Sendable {
    /// The id published in the bundle.
    public let id: UInt32
    /// When it was generated, in milliseconds since the Unix epoch.
    public let timestamp: UInt64
    /// The key pair.
    public let keyPair: CurveKeyPair
    /// The identity's signature of `keyPair.publicKey.serialized`.
    public let signature: [UInt8]

    /// A record.
    public init(id: UInt32, timestamp: UInt64, keyPair: CurveKeyPair, signature: [UInt8]) {
        self.id = id
        self.timestamp = timestamp
        self.keyPair = keyPair
        self.signature = signature
    }

    /// A fresh signed prekey, signed by `identity`.
    public static func generate(id: UInt32, identity: IdentityKeyPair, timestamp: UInt64) throws -> SignedPreKeyRecord {
        let keyPair = try CurveKeyPair.generate()
        return SignedPreKeyRecord(id: id, timestamp: timestamp, keyPair: keyPair, signature: try identity.sign(keyPair.publicKey.serialized))
    }
}

/// A KEM prekey, reserved for PQXDH (libsignal's Kyber prekeys). Version 3 sessions do not use it; bundles and
/// stores already carry it so PQXDH can be added without changing the API.
public struct KEMPreKeyRecord: Sendable {
    /// The id published in the bundle.
    public let id: UInt32
    /// When it was generated, in milliseconds since the Unix epoch.
    public let timestamp: UInt64
    /// The serialized public key, with its type byte (`0x08` Kyber-1024, `0x0A` ML-KEM-1024).
    public let publicKey: [UInt8]
    /// The secret key.
    public let secretKey: SecureBytes
    /// The identity's signature of `publicKey`.
    public let signature: [UInt8]

    /// A record.
    public init(id: UInt32, timestamp: UInt64, publicKey: [UInt8], secretKey: SecureBytes, signature: [UInt8]) {
        self.id = id
        self.timestamp = timestamp
        self.publicKey = publicKey
        self.secretKey = secretKey
        self.signature = signature
    }
}
