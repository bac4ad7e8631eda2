public import CryptoPrimitives

/// A Curve25519 key pair (ratchet keys, base keys, prekeys).
public struct CurveKeyPair: Sendable {
    /// The private key.
    public let privateKey: X25519.PrivateKey
    /// The public key.
    public let publicKey: X25519.PublicKey

    /// A fresh random pair.
    public static func generate() throws -> CurveKeyPair {
        CurveKeyPair(privateKey: try X25519.PrivateKey())
    }

    /// The pair for a private key.
    public init(privateKey: X25519.PrivateKey) {
        self.privateKey = privateKey
        self.publicKey = privateKey.publicKey
    }
}

/// Where fresh key pairs come from: the CSPRNG in production, a fixed queue when replaying published vectors.
public protocol KeyPairSource: Sendable {
    /// The next key pair.
    func nextKeyPair() throws -> CurveKeyPair
}

/// Fresh random key pairs (the default).
public struct RandomKeyPairSource: KeyPairSource {
    /// Creates the source.
    public init() {}
    /// A fresh random pair.
    public func nextKeyPair() throws -> CurveKeyPair { try .generate() }
}
