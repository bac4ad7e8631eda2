#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The digest algorithms of the key service's `hash`, `hmac`, `sign` and `verify` endpoints (and Vault's names for
/// them), on libcrypto.
public enum MessageDigest: String, Sendable, CaseIterable {
    /// SHA-224.
    case sha2_224 = "sha2-224"
    /// SHA-256.
    case sha2_256 = "sha2-256"
    /// SHA-384.
    case sha2_384 = "sha2-384"
    /// SHA-512.
    case sha2_512 = "sha2-512"
    /// SHA3-224.
    case sha3_224 = "sha3-224"
    /// SHA3-256.
    case sha3_256 = "sha3-256"
    /// SHA3-384.
    case sha3_384 = "sha3-384"
    /// SHA3-512.
    case sha3_512 = "sha3-512"

    /// libcrypto's name.
    var libcryptoName: String {
        switch self {
        case .sha2_224: "SHA224"
        case .sha2_256: "SHA256"
        case .sha2_384: "SHA384"
        case .sha2_512: "SHA512"
        case .sha3_224: "SHA3-224"
        case .sha3_256: "SHA3-256"
        case .sha3_384: "SHA3-384"
        case .sha3_512: "SHA3-512"
        }
    }

    var evp: EVPDigest {
        switch self {
        case .sha2_224: Self.sha224
        case .sha2_256: SHA256.algorithm
        case .sha2_384: SHA384.algorithm
        case .sha2_512: SHA512.algorithm
        case .sha3_224: Self.sha3_224Digest
        case .sha3_256: Self.sha3_256Digest
        case .sha3_384: Self.sha3_384Digest
        case .sha3_512: Self.sha3_512Digest
        }
    }

    private static let sha224 = EVPDigest(name: "SHA224")
    private static let sha3_224Digest = EVPDigest(name: "SHA3-224")
    private static let sha3_256Digest = EVPDigest(name: "SHA3-256")
    private static let sha3_384Digest = EVPDigest(name: "SHA3-384")
    private static let sha3_512Digest = EVPDigest(name: "SHA3-512")

    /// The digest length in bytes.
    public var digestByteCount: Int {
        switch self {
        case .sha2_224, .sha3_224: 28
        case .sha2_256, .sha3_256: 32
        case .sha2_384, .sha3_384: 48
        case .sha2_512, .sha3_512: 64
        }
    }

    /// The digest of `data`.
    public func hash(_ data: some ContiguousBytes) -> [UInt8] {
        evp.hash([data])
    }

    /// HMAC of `message` under `key` with this digest.
    public func authenticationCode(key: some ContiguousBytes, message: some ContiguousBytes) -> SecureBytes {
        evp.keyedContext(key).authenticate([message], outputByteCount: digestByteCount)
    }
}
