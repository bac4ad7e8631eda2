#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// X25519 key agreement (RFC 7748) with Signal's key serialization.
///
/// ## Low-order points
/// libsodium's `crypto_scalarmult` refuses to return the all-zero shared secret that a low-order (or
/// small-subgroup) public key produces; ``PrivateKey/sharedSecret(with:)`` turns that into
/// ``CryptoError/Code/lowOrderPoint``. This is stricter than libsignal, which would use the zero secret:
/// no honest peer ever sends such a key, and accepting it lets an attacker force a known secret.
public enum X25519 {
    /// The DJB key-type byte Signal prefixes to a serialized Curve25519 public key.
    public static let djbKeyType: UInt8 = 0x05
    /// Length of a raw key.
    public static let keyByteCount = 32

    /// A Curve25519 private key: a 32-byte scalar, stored clamped (RFC 7748 §5).
    public struct PrivateKey: Sendable, CustomStringConvertible {
        /// The clamped scalar.
        public let rawRepresentation: SecureBytes

        /// A fresh random key.
        public init() throws {
            var bytes = try SecureRandom.secureBytes(count: keyByteCount)
            X25519.clamp(&bytes)
            rawRepresentation = bytes
        }

        /// A key from its 32-byte scalar. The scalar is clamped on import, as X25519 would clamp it at use, so
        /// XEdDSA signatures made with it match the public key.
        public init(rawRepresentation: some ContiguousBytes) throws {
            var bytes = SecureBytes(copying: rawRepresentation)
            guard bytes.count == keyByteCount else { throw CryptoError(.invalidKey, "X25519 private key must be 32 bytes") }
            X25519.clamp(&bytes)
            self.rawRepresentation = bytes
        }

        /// The matching public key.
        public var publicKey: PublicKey { X25519.basePointMultiply(rawRepresentation) }

        /// The X25519 shared secret with `peer`.
        ///
        /// - Throws: ``CryptoError/Code/lowOrderPoint`` when the result would be all zeros.
        public func sharedSecret(with peer: PublicKey) throws -> SecureBytes {
            try X25519.multiply(rawRepresentation, peer)
        }

        /// Shows nothing of the key.
        public var description: String { "X25519.PrivateKey(redacted)" }
    }

    /// A Curve25519 public key: the 32-byte little-endian u-coordinate.
    public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
        /// The u-coordinate.
        public let rawRepresentation: [UInt8]

        /// A key from its 32-byte u-coordinate.
        public init(rawRepresentation: some ContiguousBytes) throws {
            let bytes = rawRepresentation.withUnsafeBytes { Array($0) }
            guard bytes.count == keyByteCount else { throw CryptoError(.invalidKey, "X25519 public key must be 32 bytes") }
            self.rawRepresentation = bytes
        }

        init(validatedRaw: [UInt8]) { rawRepresentation = validatedRaw }

        /// A key from Signal's 33-byte form `0x05 || u`.
        public init(serialized: some ContiguousBytes) throws {
            let bytes = serialized.withUnsafeBytes { Array($0) }
            guard bytes.count == keyByteCount + 1 else {
                throw CryptoError(.invalidKey, "serialized Curve25519 public key must be 33 bytes")
            }
            guard bytes[0] == djbKeyType else { throw CryptoError(.invalidKey, "unknown public key type byte") }
            rawRepresentation = Array(bytes[1...])
        }

        /// Signal's 33-byte form `0x05 || u`.
        public var serialized: [UInt8] { [djbKeyType] + rawRepresentation }

        /// The hex of the serialized key (public data).
        public var description: String { "X25519.PublicKey(\(serialized.hexString))" }
    }

    static func clamp(_ scalar: inout SecureBytes) {
        scalar.withUnsafeMutableBytes { bytes in
            bytes[0] &= 248
            bytes[31] &= 127
            bytes[31] |= 64
        }
    }
}
