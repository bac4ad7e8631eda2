#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

/// Signing and verifying a precomputed digest with an `EVP_PKEY` (ECDSA, RSA), shared by ``ECDSA`` and ``RSA``.
enum DigestSignature {
    /// How an RSA signature pads.
    enum RSAPadding {
        case pss(saltLength: Int32)
        case pkcs1v15
    }

    static func sign(digest: [UInt8], algorithm: MessageDigest, key: OwnedKey, rsaPadding: RSAPadding?) throws -> [UInt8] {
        guard digest.count == algorithm.digestByteCount else { throw CryptoError(.invalidParameter, "digest length does not match the algorithm") }
        let context = try KeyContext(key: key)
        try OpenSSL.check(EVP_PKEY_sign_init(context.pointer), CryptoError(.libraryFailure, "sign init failed"))
        try configure(context, algorithm: algorithm, rsaPadding: rsaPadding)
        var length = 0
        try OpenSSL.check(EVP_PKEY_sign(context.pointer, nil, &length, digest, digest.count), CryptoError(.libraryFailure, "signature sizing failed"))
        var signature = [UInt8](repeating: 0, count: length)
        try OpenSSL.check(EVP_PKEY_sign(context.pointer, &signature, &length, digest, digest.count), CryptoError(.libraryFailure, "signing failed"))
        signature.removeLast(signature.count - length)
        return signature
    }

    static func verify(signature: [UInt8], digest: [UInt8], algorithm: MessageDigest, key: OwnedKey, rsaPadding: RSAPadding?) -> Bool {
        guard digest.count == algorithm.digestByteCount, !signature.isEmpty,
              let context = try? KeyContext(key: key),
              EVP_PKEY_verify_init(context.pointer) == 1,
              (try? configure(context, algorithm: algorithm, rsaPadding: rsaPadding)) != nil
        else {
            OpenSSL.clearErrors()
            return false
        }
        let rc = EVP_PKEY_verify(context.pointer, signature, signature.count, digest, digest.count)
        if rc != 1 { OpenSSL.clearErrors() }
        return rc == 1
    }

    private static func configure(_ context: KeyContext, algorithm: MessageDigest, rsaPadding: RSAPadding?) throws {
        try OpenSSL.check(EVP_PKEY_CTX_set_signature_md(context.pointer, algorithm.evp.digest), CryptoError(.unsupported, "digest not usable for this key"))
        switch rsaPadding {
        case nil:
            break
        case .pkcs1v15:
            try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PADDING), CryptoError(.libraryFailure, "padding setup failed"))
        case .pss(let saltLength):
            try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PSS_PADDING), CryptoError(.libraryFailure, "padding setup failed"))
            try OpenSSL.check(EVP_PKEY_CTX_set_rsa_pss_saltlen(context.pointer, saltLength), CryptoError(.invalidParameter, "PSS salt length rejected"))
            try OpenSSL.check(EVP_PKEY_CTX_set_rsa_mgf1_md(context.pointer, algorithm.evp.digest), CryptoError(.libraryFailure, "MGF1 setup failed"))
        }
    }

    /// A private key in its traditional DER form (SEC1 for EC, PKCS#1 for RSA), in secure storage.
    static func traditionalPrivateDER(_ key: OwnedKey) throws -> SecureBytes {
        let length = chatsec_encode_traditional_private_der(key.pointer, nil, 0)
        guard length > 0 else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "private key encoding failed")
        }
        var rc: Int32 = -1
        let der = SecureBytes(unsafeUninitializedCapacity: Int(length)) { buffer, initialized in
            rc = chatsec_encode_traditional_private_der(key.pointer, buffer.bytes, buffer.count)
            initialized = rc == length ? Int(length) : 0
        }
        guard rc == length else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "private key encoding failed")
        }
        return der
    }
}
