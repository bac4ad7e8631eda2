public import CryptoPrimitives

/// A long-term identity public key (Curve25519, serialized `0x05 || u`).
public struct IdentityKey: Hashable, Sendable, CustomStringConvertible {
    /// The Curve25519 public key.
    public let publicKey: X25519.PublicKey

    /// Wraps a public key.
    public init(publicKey: X25519.PublicKey) { self.publicKey = publicKey }

    /// Parses the 33-byte serialized form.
    public init(serialized: some Collection<UInt8>) throws {
        do {
            publicKey = try X25519.PublicKey(serialized: Array(serialized))
        } catch {
            throw SignalError(.invalidKey, "identity key must be 0x05 followed by 32 bytes")
        }
    }

    /// The 33-byte serialized form.
    public var serialized: [UInt8] { publicKey.serialized }

    /// Whether `signature` is this identity's XEdDSA signature of `message`.
    public func verifySignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        publicKey.isValidSignature(signature, for: message)
    }

    /// The serialized key in hex (public data).
    public var description: String { "IdentityKey(\(publicKey))" }
}

/// The local identity: a Curve25519 key pair that signs with XEdDSA.
public struct IdentityKeyPair: Sendable, CustomStringConvertible {
    /// The public half.
    public let identityKey: IdentityKey
    /// The private half.
    public let privateKey: X25519.PrivateKey

    /// A fresh random identity.
    public static func generate() throws -> IdentityKeyPair {
        IdentityKeyPair(privateKey: try X25519.PrivateKey())
    }

    /// The identity for a private key.
    public init(privateKey: X25519.PrivateKey) {
        self.privateKey = privateKey
        identityKey = IdentityKey(publicKey: privateKey.publicKey)
    }

    /// An XEdDSA signature (libsignal variant) of `message`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        do {
            return try privateKey.signature(for: message)
        } catch {
            throw SignalError(.invalidKey, "signing failed")
        }
    }

    /// Shows the public key only.
    public var description: String { "IdentityKeyPair(public: \(identityKey.publicKey), private: redacted)" }
}
