#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension RSA.PublicKey {
    /// RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2). For interoperability with formats that still use it (the AWS
    /// Encryption SDK's raw RSA keyring offers it); prefer ``encryptOAEP(_:digest:mgf1Digest:label:)``.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` when the plaintext is longer than the key allows
    ///   (modulus length − 11 bytes).
    public func encryptPKCS1v15(_ plaintext: some ContiguousBytes) throws -> [UInt8] {
        try encrypt(plaintext, failure: CryptoError(.invalidParameter, "RSA PKCS#1 v1.5 encryption failed (plaintext too long?)"), configure: RSA.configurePKCS1)
    }
}

extension RSA.PrivateKey {
    /// RSAES-PKCS1-v1_5 decryption.
    ///
    /// PKCS#1 v1.5 decryption is the target of Bleichenbacher-style padding oracles. Every failure here is the
    /// same error, but libcrypto 3.0 (Debian 12) takes measurably different paths for bad padding, and callers
    /// that answer differently for a failed unwrap leak more. Offer it only where a peer format requires it.
    ///
    /// - Throws: ``CryptoError/Code/authenticationFailure`` for every malformed ciphertext or padding.
    public func decryptPKCS1v15(_ ciphertext: some ContiguousBytes) throws -> SecureBytes {
        try decrypt(ciphertext, failure: CryptoError(.authenticationFailure, "RSA PKCS#1 v1.5 decryption failed"), configure: RSA.configurePKCS1)
    }
}

extension RSA {
    static func configurePKCS1(_ context: KeyContext) throws {
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PADDING), CryptoError(.libraryFailure, "PKCS#1 padding setup failed"))
    }
}
