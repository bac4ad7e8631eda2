#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension RSA {
    /// An RSA signature scheme.
    public enum SignaturePadding: Sendable, Hashable {
        /// RSASSA-PSS with MGF1 over the same digest. `saltLength`: `nil` for the maximum when signing and
        /// auto-detection when verifying (Vault's `auto`), or an explicit length in bytes.
        case pss(saltLength: Int?)
        /// RSASSA-PKCS1-v1_5.
        case pkcs1v15

        func padding(signing: Bool) throws -> DigestSignature.RSAPadding {
            switch self {
            case .pkcs1v15: return .pkcs1v15
            case .pss(nil): return .pss(saltLength: signing ? RSA_PSS_SALTLEN_MAX : RSA_PSS_SALTLEN_AUTO)
            case .pss(let length?):
                guard length >= 0, length <= 1024 else { throw CryptoError(.invalidParameter, "PSS salt length out of range") }
                return .pss(saltLength: Int32(length))
            }
        }
    }
}

extension RSA.PrivateKey {
    /// A signature of `message` hashed with `digest`.
    public func signature(for message: some ContiguousBytes, digest: MessageDigest, padding: RSA.SignaturePadding) throws -> [UInt8] {
        try signature(forDigest: digest.hash(message), algorithm: digest, padding: padding)
    }

    /// A signature of a precomputed digest.
    public func signature(forDigest digest: [UInt8], algorithm: MessageDigest, padding: RSA.SignaturePadding) throws -> [UInt8] {
        try DigestSignature.sign(digest: digest, algorithm: algorithm, key: key, rsaPadding: padding.padding(signing: true))
    }

    /// The private key as PKCS#1 `RSA PRIVATE KEY` PEM (Vault's export format), in secure storage.
    public func pkcs1PEMRepresentation() throws -> SecureBytes {
        PEM.encode(label: "RSA PRIVATE KEY", der: try DigestSignature.traditionalPrivateDER(key))
    }
}

extension RSA.PublicKey {
    /// Whether `signature` is valid for `message` hashed with `digest`.
    public func isValidSignature(_ signature: [UInt8], for message: some ContiguousBytes, digest: MessageDigest, padding: RSA.SignaturePadding) -> Bool {
        isValidSignature(signature, forDigest: digest.hash(message), algorithm: digest, padding: padding)
    }

    /// Whether `signature` is valid for a precomputed digest.
    public func isValidSignature(_ signature: [UInt8], forDigest digest: [UInt8], algorithm: MessageDigest, padding: RSA.SignaturePadding) -> Bool {
        guard let rsaPadding = try? padding.padding(signing: false) else { return false }
        return DigestSignature.verify(signature: signature, digest: digest, algorithm: algorithm, key: key, rsaPadding: rsaPadding)
    }
}
