/// The AWS Encryption SDK's algorithm suites: how the data key becomes the content key, the cipher, whether the
/// message commits to its key, and whether it is signed.
///
/// The two committing suites (message format version 2) are the ones this library encrypts with;
/// ``aes256GCMHKDFSHA512CommitKeyECDSAP384`` is the default, as in every AWS Encryption SDK. The legacy
/// non-committing suites (message format version 1) can only be decrypted, and only when the commitment policy is
/// ``CommitmentPolicy/requireEncryptAllowDecrypt``.
public enum AlgorithmSuite: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    /// AES-128-GCM, no key derivation (legacy).
    case aes128GCMIV12Tag16NoKDF = 0x0014
    /// AES-192-GCM, no key derivation (legacy).
    case aes192GCMIV12Tag16NoKDF = 0x0046
    /// AES-256-GCM, no key derivation (legacy).
    case aes256GCMIV12Tag16NoKDF = 0x0078
    /// AES-128-GCM, HKDF-SHA256 (legacy).
    case aes128GCMIV12Tag16HKDFSHA256 = 0x0114
    /// AES-192-GCM, HKDF-SHA256 (legacy).
    case aes192GCMIV12Tag16HKDFSHA256 = 0x0146
    /// AES-256-GCM, HKDF-SHA256 (legacy).
    case aes256GCMIV12Tag16HKDFSHA256 = 0x0178
    /// AES-128-GCM, HKDF-SHA256, ECDSA P-256 (legacy).
    case aes128GCMIV12Tag16HKDFSHA256ECDSAP256 = 0x0214
    /// AES-192-GCM, HKDF-SHA384, ECDSA P-384 (legacy).
    case aes192GCMIV12Tag16HKDFSHA384ECDSAP384 = 0x0346
    /// AES-256-GCM, HKDF-SHA384, ECDSA P-384 (legacy).
    case aes256GCMIV12Tag16HKDFSHA384ECDSAP384 = 0x0378
    /// AES-256-GCM, HKDF-SHA512, key commitment (message format 2).
    case aes256GCMHKDFSHA512CommitKey = 0x0478
    /// AES-256-GCM, HKDF-SHA512, key commitment, ECDSA P-384 signature (message format 2; the default).
    case aes256GCMHKDFSHA512CommitKeyECDSAP384 = 0x0578

    /// The suite every encryption uses unless told otherwise.
    public static let `default` = AlgorithmSuite.aes256GCMHKDFSHA512CommitKeyECDSAP384

    /// How the content key is derived from the data key.
    public enum KeyDerivation: Sendable, Hashable {
        /// The data key is the content key.
        case identity
        /// HKDF-SHA256, salt empty, info = suite id ‖ message id (format 1).
        case hkdfSHA256
        /// HKDF-SHA384, salt empty, info = suite id ‖ message id (format 1).
        case hkdfSHA384
        /// HKDF-SHA512, salt = message id, info = suite id ‖ "DERIVEKEY"; commitment with info "COMMITKEY" (format 2).
        case hkdfSHA512Committing
    }

    /// The message format version this suite is written in: 1 (legacy) or 2 (committing).
    public var messageFormatVersion: UInt8 { isCommitting ? 2 : 1 }

    /// Whether the message commits to its data key (format 2 suites).
    public var isCommitting: Bool { self == .aes256GCMHKDFSHA512CommitKey || self == .aes256GCMHKDFSHA512CommitKeyECDSAP384 }

    /// The data key and content key length in bytes (16, 24 or 32).
    public var keyByteCount: Int {
        switch self {
        case .aes128GCMIV12Tag16NoKDF, .aes128GCMIV12Tag16HKDFSHA256, .aes128GCMIV12Tag16HKDFSHA256ECDSAP256: 16
        case .aes192GCMIV12Tag16NoKDF, .aes192GCMIV12Tag16HKDFSHA256, .aes192GCMIV12Tag16HKDFSHA384ECDSAP384: 24
        default: 32
        }
    }

    /// The key derivation.
    public var keyDerivation: KeyDerivation {
        switch self {
        case .aes128GCMIV12Tag16NoKDF, .aes192GCMIV12Tag16NoKDF, .aes256GCMIV12Tag16NoKDF: .identity
        case .aes128GCMIV12Tag16HKDFSHA256, .aes192GCMIV12Tag16HKDFSHA256, .aes256GCMIV12Tag16HKDFSHA256,
             .aes128GCMIV12Tag16HKDFSHA256ECDSAP256: .hkdfSHA256
        case .aes192GCMIV12Tag16HKDFSHA384ECDSAP384, .aes256GCMIV12Tag16HKDFSHA384ECDSAP384: .hkdfSHA384
        case .aes256GCMHKDFSHA512CommitKey, .aes256GCMHKDFSHA512CommitKeyECDSAP384: .hkdfSHA512Committing
        }
    }

    /// The curve of the footer signature, if the suite is signed.
    public var signingCurve: SigningCurve? {
        switch self {
        case .aes128GCMIV12Tag16HKDFSHA256ECDSAP256: .p256
        case .aes192GCMIV12Tag16HKDFSHA384ECDSAP384, .aes256GCMIV12Tag16HKDFSHA384ECDSAP384,
             .aes256GCMHKDFSHA512CommitKeyECDSAP384: .p384
        default: nil
        }
    }

    /// Whether messages in this suite end with a signature footer.
    public var isSigned: Bool { signingCurve != nil }

    /// The message id length: 16 bytes in format 1, 32 in format 2.
    public var messageIDByteCount: Int { isCommitting ? 32 : 16 }

    /// The length of the header's algorithm suite data: the 32-byte key commitment in format 2, nothing in format 1.
    public var suiteDataByteCount: Int { isCommitting ? 32 : 0 }

    /// The curves the footer signatures use.
    public enum SigningCurve: Sendable, Hashable {
        /// P-256 with SHA-256.
        case p256
        /// P-384 with SHA-384.
        case p384
    }

    /// `0x0578` and the like.
    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// Which algorithm suites may be used: the AWS Encryption SDK's commitment policies.
public enum CommitmentPolicy: Sendable, Hashable {
    /// Encrypt with committing suites only; decrypt committing messages only. The default.
    case requireEncryptRequireDecrypt
    /// Encrypt with committing suites only; also decrypt legacy non-committing messages. For reading messages
    /// written before key commitment existed; messages decrypted this way are not bound to a single data key.
    case requireEncryptAllowDecrypt

    /// Whether `suite` may be used to decrypt.
    public func allowsDecrypt(_ suite: AlgorithmSuite) -> Bool {
        suite.isCommitting || self == .requireEncryptAllowDecrypt
    }
}
