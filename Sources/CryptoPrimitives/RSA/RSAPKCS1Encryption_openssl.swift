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
        let context = try KeyContext(key: key)
        try OpenSSL.check(EVP_PKEY_encrypt_init(context.pointer), CryptoError(.libraryFailure, "RSA encrypt init failed"))
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PADDING), CryptoError(.libraryFailure, "PKCS#1 padding setup failed"))
        return try plaintext.withUnsafeBytes { (input) throws -> [UInt8] in
            var length = 0
            let inputBase = input.bytes
            try OpenSSL.check(EVP_PKEY_encrypt(context.pointer, nil, &length, inputBase, input.count), CryptoError(.libraryFailure, "RSA encrypt sizing failed"))
            var output = [UInt8](repeating: 0, count: length)
            try OpenSSL.check(EVP_PKEY_encrypt(context.pointer, &output, &length, inputBase, input.count), CryptoError(.invalidParameter, "RSA PKCS#1 v1.5 encryption failed (plaintext too long?)"))
            output.removeLast(output.count - length)
            return output
        }
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
        let context = try KeyContext(key: key)
        try OpenSSL.check(EVP_PKEY_decrypt_init(context.pointer), CryptoError(.libraryFailure, "RSA decrypt init failed"))
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_PADDING), CryptoError(.libraryFailure, "PKCS#1 padding setup failed"))
        return try ciphertext.withUnsafeBytes { (input) throws -> SecureBytes in
            let modulusBytes = (keySizeInBits + 7) / 8
            guard input.count == modulusBytes else { throw CryptoError(.authenticationFailure, "RSA PKCS#1 v1.5 decryption failed") }
            let inputBase = input.bytes
            var rc: Int32 = 0
            let plaintext = SecureBytes(unsafeUninitializedCapacity: modulusBytes) { out, initialized in
                var length = out.count
                rc = EVP_PKEY_decrypt(context.pointer, out.bytes, &length, inputBase, input.count)
                initialized = rc == 1 ? length : 0
            }
            if rc != 1 { OpenSSL.clearErrors() }
            guard rc == 1 else { throw CryptoError(.authenticationFailure, "RSA PKCS#1 v1.5 decryption failed") }
            return plaintext
        }
    }
}
