#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Ed25519 signatures (RFC 8032), on libsodium.
///
/// Verification is libsodium's: it rejects non-canonical `S` (malleability), non-canonical and small-order
/// public keys and small-order `R`, and checks the cofactorless equation. Keys of mixed order (a valid key
/// plus a small-order component) are not detected, as in most Ed25519 libraries; Wycheproof lists that as
/// acceptable. Used for C2SP signed notes and the key service's `ed25519` keys.
public enum Ed25519 {
    /// Length of a seed and of a public key.
    public static let keyByteCount = 32
    /// Length of a signature.
    public static let signatureByteCount = 64

    /// A signing key: the 32-byte RFC 8032 seed (libsodium keeps the expanded form alongside).
    public struct PrivateKey: Sendable, CustomStringConvertible {
        /// The 32-byte seed, the private key's standard encoding.
        public let seed: SecureBytes
        let expanded: SecureBytes
        /// The verifying key.
        public let publicKey: PublicKey

        /// A fresh random key.
        public init() throws {
            try self.init(seed: SecureRandom.secureBytes(count: keyByteCount))
        }

        /// The key for a 32-byte seed.
        public init(seed: some ContiguousBytes) throws {
            let seedBytes = SecureBytes(copying: seed)
            guard seedBytes.count == keyByteCount else { throw CryptoError(.invalidKey, "Ed25519 seed must be 32 bytes") }
            let (expanded, publicKey) = try Ed25519.expand(seed: seedBytes)
            self.seed = seedBytes
            self.expanded = expanded
            self.publicKey = publicKey
        }

        /// A deterministic 64-byte signature of `message`.
        public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
            try Ed25519.sign(message, expanded: expanded)
        }

        /// Shows nothing of the key.
        public var description: String { "Ed25519.PrivateKey(redacted)" }
    }

    /// A verifying key: the 32-byte compressed Edwards point.
    public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
        /// The encoded point.
        public let rawRepresentation: [UInt8]

        /// A key from its 32-byte encoding. Only the length is checked here; verification rejects invalid points.
        public init(rawRepresentation: some ContiguousBytes) throws {
            let bytes = rawRepresentation.withUnsafeBytes { Array($0) }
            guard bytes.count == keyByteCount else { throw CryptoError(.invalidKey, "Ed25519 public key must be 32 bytes") }
            self.rawRepresentation = bytes
        }

        init(validatedRaw: [UInt8]) { rawRepresentation = validatedRaw }

        /// Whether `signature` is a valid signature of `message` under this key.
        public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
            Ed25519.verify(signature, message: message, publicKey: rawRepresentation)
        }

        /// The hex of the key (public data).
        public var description: String { "Ed25519.PublicKey(\(rawRepresentation.hexString))" }
    }
}
