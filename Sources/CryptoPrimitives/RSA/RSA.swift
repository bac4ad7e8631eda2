/// RSA keys and RSA-OAEP encryption, on libcrypto.
///
/// Keys are exchanged as PKIX `SubjectPublicKeyInfo` and PKCS#8 `PrivateKeyInfo`, in DER or PEM
/// (`PUBLIC KEY` / `PRIVATE KEY`). Key sizes from 2,048 to 16,384 bits are accepted.
public enum RSA {
    /// The smallest accepted modulus.
    public static let minimumKeySizeInBits = 2048
    /// The largest accepted modulus.
    public static let maximumKeySizeInBits = 16384

    /// A hash function for OAEP and MGF1.
    public enum Digest: Sendable, Hashable {
        /// SHA-1: only for interoperability (Vault's and the ESDK's SHA-1 OAEP modes).
        case sha1
        /// SHA-224 (one of Vault's BYOK `hash_function` choices).
        case sha224
        /// SHA-256.
        case sha256
        /// SHA-384.
        case sha384
        /// SHA-512.
        case sha512
    }

    /// An RSA private key.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        let key: OwnedKey

        init(key: OwnedKey) { self.key = key }

        /// Shows the size only.
        public var description: String { "RSA.PrivateKey(\(keySizeInBits) bits, redacted)" }
    }

    /// An RSA public key.
    public struct PublicKey: Sendable, CustomStringConvertible {
        let key: OwnedKey

        init(key: OwnedKey) { self.key = key }

        /// Shows the size only.
        public var description: String { "RSA.PublicKey(\(keySizeInBits) bits)" }
    }
}
