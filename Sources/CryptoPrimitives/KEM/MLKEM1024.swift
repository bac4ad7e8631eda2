#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import Crypto

/// ML-KEM-1024 (FIPS 203), through swift-crypto. Private keys are the 64-byte seed `d || z`, kept in
/// ``SecureBytes``; shared secrets are returned in ``SecureBytes``.
@available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *)
public enum MLKEM1024 {
    /// Length of the seed.
    public static let seedByteCount = 64
    /// Length of an encapsulation (public) key.
    public static let publicKeyByteCount = 1568
    /// Length of a ciphertext.
    public static let ciphertextByteCount = 1568
    /// Length of a shared secret.
    public static let sharedSecretByteCount = 32

    /// A decapsulation key.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        /// The seed `d || z`.
        public let seed: SecureBytes
        private let backing: Crypto.MLKEM1024.PrivateKey

        /// A fresh random key.
        public init() throws {
            try self.init(seed: SecureRandom.secureBytes(count: seedByteCount))
        }

        /// The key derived from a 64-byte seed (FIPS 203 `ML-KEM.KeyGen_internal(d, z)`).
        public init(seed: SecureBytes) throws {
            guard seed.count == seedByteCount else { throw CryptoError(.invalidKey, "ML-KEM-1024 seed must be 64 bytes") }
            do {
                backing = try seed.withUnsafeBytes { try Crypto.MLKEM1024.PrivateKey(seedRepresentation: $0, publicKey: nil) }
            } catch {
                throw CryptoError(.invalidKey, "ML-KEM-1024 seed rejected")
            }
            self.seed = seed
        }

        /// The encapsulation key.
        public var publicKey: PublicKey {
            PublicKey(backing: backing.publicKey)
        }

        /// The shared secret for `ciphertext`. An invalid but well-sized ciphertext yields the implicit-rejection
        /// secret, as FIPS 203 requires; a wrong length throws.
        public func decapsulate(_ ciphertext: some ContiguousBytes) throws -> SecureBytes {
            let bytes = ciphertext.withUnsafeBytes { Array($0) }
            guard bytes.count == ciphertextByteCount else {
                throw CryptoError(.invalidParameter, "ML-KEM-1024 ciphertext must be 1568 bytes")
            }
            do {
                let secret = try backing.decapsulate(bytes)
                return secret.withUnsafeBytes { SecureBytes(copying: $0) }
            } catch {
                throw CryptoError(.invalidParameter, "ML-KEM-1024 decapsulation failed")
            }
        }

        /// Shows nothing of the key.
        public var description: String { "MLKEM1024.PrivateKey(redacted)" }
    }

    /// An encapsulation key.
    public struct PublicKey: Sendable, CustomStringConvertible {
        private let backing: Crypto.MLKEM1024.PublicKey

        fileprivate init(backing: Crypto.MLKEM1024.PublicKey) { self.backing = backing }

        /// Parses a 1,568-byte encapsulation key, with the FIPS 203 §7.2 modulus check.
        public init(rawRepresentation: some ContiguousBytes) throws {
            let bytes = rawRepresentation.withUnsafeBytes { Array($0) }
            guard bytes.count == publicKeyByteCount else { throw CryptoError(.invalidKey, "ML-KEM-1024 public key must be 1568 bytes") }
            do {
                backing = try Crypto.MLKEM1024.PublicKey(rawRepresentation: bytes)
            } catch {
                throw CryptoError(.invalidKey, "ML-KEM-1024 public key rejected")
            }
        }

        /// The 1,568-byte encoding.
        public var rawRepresentation: [UInt8] { Array(backing.rawRepresentation) }

        /// A fresh shared secret and the ciphertext that carries it to the private key's holder.
        public func encapsulate() throws -> (sharedSecret: SecureBytes, ciphertext: [UInt8]) {
            do {
                let result = try backing.encapsulate()
                let secret = result.sharedSecret.withUnsafeBytes { SecureBytes(copying: $0) }
                return (secret, Array(result.encapsulated))
            } catch {
                throw CryptoError(.libraryFailure, "ML-KEM-1024 encapsulation failed")
            }
        }

        /// Shows the length only.
        public var description: String { "MLKEM1024.PublicKey(\(publicKeyByteCount) bytes)" }
    }
}
