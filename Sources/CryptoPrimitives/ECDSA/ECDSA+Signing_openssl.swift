#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension ECDSA {
    /// How a signature is encoded.
    public enum SignatureEncoding: Sendable {
        /// ASN.1 DER `SEQUENCE { r, s }` (Vault's `asn1`, the default).
        case der
        /// Fixed-width `r || s` (JWS / Vault's `jws`).
        case raw
    }
}

extension ECDSA.PrivateKey {
    /// A signature of `message` hashed with `digest` (not necessarily the curve's own hash, as Vault allows).
    public func signature(for message: some ContiguousBytes, digest: MessageDigest, encoding: ECDSA.SignatureEncoding = .der) throws -> [UInt8] {
        try signature(forDigest: digest.hash(message), algorithm: digest, encoding: encoding)
    }

    /// A signature of a precomputed digest.
    public func signature(forDigest digest: [UInt8], algorithm: MessageDigest, encoding: ECDSA.SignatureEncoding = .der) throws -> [UInt8] {
        let der = try DigestSignature.sign(digest: digest, algorithm: algorithm, key: key, rsaPadding: nil)
        switch encoding {
        case .der: return der
        case .raw: return try ECDSA.rawSignature(fromDER: der, curve: curve)
        }
    }

    /// The private key as SEC1 `EC PRIVATE KEY` PEM (Vault's export format), in secure storage.
    public func sec1PEMRepresentation() throws -> SecureBytes {
        PEM.encode(label: "EC PRIVATE KEY", der: try DigestSignature.traditionalPrivateDER(key))
    }
}

extension ECDSA.PublicKey {
    /// Whether `signature` is valid for `message` hashed with `digest`.
    public func isValidSignature(_ signature: [UInt8], for message: some ContiguousBytes, digest: MessageDigest, encoding: ECDSA.SignatureEncoding = .der) -> Bool {
        isValidSignature(signature, forDigest: digest.hash(message), algorithm: digest, encoding: encoding)
    }

    /// Whether `signature` is valid for a precomputed digest.
    public func isValidSignature(_ signature: [UInt8], forDigest digest: [UInt8], algorithm: MessageDigest, encoding: ECDSA.SignatureEncoding = .der) -> Bool {
        let der: [UInt8]
        switch encoding {
        case .der: der = signature
        case .raw:
            guard let converted = try? ECDSA.derSignature(fromRaw: signature, curve: curve) else { return false }
            der = converted
        }
        return DigestSignature.verify(signature: der, digest: digest, algorithm: algorithm, key: key, rsaPadding: nil)
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        get throws {
            let pem = PEM.encode(label: "PUBLIC KEY", der: SecureBytes(copying: try spkiDERRepresentation))
            return pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }
}

extension ECDSA {
    /// Fixed-width `r || s` from a DER signature.
    public static func rawSignature(fromDER der: [UInt8], curve: Curve) throws -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: 2 * curve.coordinateByteCount)
        guard chatsec_ecdsa_der_to_raw(der, der.count, &raw, curve.coordinateByteCount) == 1 else {
            OpenSSL.clearErrors()
            throw CryptoError(.invalidSignature, "not a DER ECDSA signature of this curve")
        }
        return raw
    }

    /// A DER signature from fixed-width `r || s`.
    public static func derSignature(fromRaw raw: [UInt8], curve: Curve) throws -> [UInt8] {
        guard raw.count == 2 * curve.coordinateByteCount else { throw CryptoError(.invalidSignature, "raw ECDSA signature has the wrong length") }
        var der = [UInt8](repeating: 0, count: raw.count + 16)
        let length = chatsec_ecdsa_raw_to_der(raw, curve.coordinateByteCount, &der, der.count)
        guard length > 0 else {
            OpenSSL.clearErrors()
            throw CryptoError(.invalidSignature, "raw ECDSA signature could not be encoded")
        }
        der.removeLast(der.count - Int(length))
        return der
    }
}
