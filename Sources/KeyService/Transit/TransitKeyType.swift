import CryptoPrimitives

/// The key types of Vault's Transit engine that keyserviced offers.
public enum TransitKeyType: String, Sendable, CaseIterable, Codable {
    /// AES-128-GCM with 96-bit nonces.
    case aes128GCM96 = "aes128-gcm96"
    /// AES-256-GCM with 96-bit nonces (the default).
    case aes256GCM96 = "aes256-gcm96"
    /// ChaCha20-Poly1305.
    case chacha20Poly1305 = "chacha20-poly1305"
    /// HMAC only.
    case hmac
    /// Ed25519 signatures.
    case ed25519
    /// ECDSA on P-256.
    case ecdsaP256 = "ecdsa-p256"
    /// ECDSA on P-384.
    case ecdsaP384 = "ecdsa-p384"
    /// RSA-2048 (signatures; encryption with RSA-OAEP SHA-256).
    case rsa2048 = "rsa-2048"
    /// RSA-3072.
    case rsa3072 = "rsa-3072"
    /// RSA-4096.
    case rsa4096 = "rsa-4096"

    /// Parses a type name; `ecdsa-p521` and other Vault types not offered here are ``KeyServiceError/Code/unsupported``.
    static func parse(_ name: String?) throws -> TransitKeyType {
        guard let name else { return .aes256GCM96 }
        guard let type = TransitKeyType(rawValue: name) else {
            throw KeyServiceError(.unsupported, "unknown or unsupported key type")
        }
        return type
    }

    var isSymmetricAEAD: Bool { self == .aes128GCM96 || self == .aes256GCM96 || self == .chacha20Poly1305 }
    var isRSA: Bool { self == .rsa2048 || self == .rsa3072 || self == .rsa4096 }
    var isECDSA: Bool { self == .ecdsaP256 || self == .ecdsaP384 }
    var isAsymmetric: Bool { isRSA || isECDSA || self == .ed25519 }

    var supportsEncryption: Bool { isSymmetricAEAD || isRSA }
    var supportsSigning: Bool { isAsymmetric }
    var supportsDerivation: Bool { isSymmetricAEAD || self == .ed25519 }

    /// The symmetric key length.
    var symmetricKeySize: Int {
        switch self {
        case .aes128GCM96: 16
        default: 32
        }
    }

    var rsaBits: Int {
        switch self {
        case .rsa2048: 2048
        case .rsa3072: 3072
        default: 4096
        }
    }

    var curve: ECDSA.Curve? {
        switch self {
        case .ecdsaP256: .p256
        case .ecdsaP384: .p384
        default: nil
        }
    }
}
