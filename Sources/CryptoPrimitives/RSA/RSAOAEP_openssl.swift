#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension RSA.PublicKey {
    /// RSAES-OAEP encryption (RFC 8017 §7.1) with `digest` for the label hash and `mgf1Digest` (default: the
    /// same) for MGF1.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` when the plaintext is longer than the key allows.
    public func encryptOAEP(
        _ plaintext: some ContiguousBytes,
        digest: RSA.Digest,
        mgf1Digest: RSA.Digest? = nil,
        label: some ContiguousBytes = [UInt8]()
    ) throws -> [UInt8] {
        try encrypt(plaintext, failure: CryptoError(.invalidParameter, "RSA-OAEP encryption failed (plaintext too long?)")) { context in
            try RSA.configureOAEP(context, digest: digest, mgf1Digest: mgf1Digest ?? digest, label: label)
        }
    }

    /// RSA encryption with the padding `configure` sets on the context.
    func encrypt(_ plaintext: some ContiguousBytes, failure: CryptoError, configure: (KeyContext) throws -> Void) throws -> [UInt8] {
        let context = try KeyContext(key: key)
        try OpenSSL.check(EVP_PKEY_encrypt_init(context.pointer), CryptoError(.libraryFailure, "RSA encrypt init failed"))
        try configure(context)
        return try plaintext.withUnsafeBytes { (input) throws -> [UInt8] in
            var length = 0
            let inputBase = input.bytes
            try OpenSSL.check(EVP_PKEY_encrypt(context.pointer, nil, &length, inputBase, input.count), CryptoError(.libraryFailure, "RSA encrypt sizing failed"))
            var output = [UInt8](repeating: 0, count: length)
            try OpenSSL.check(EVP_PKEY_encrypt(context.pointer, &output, &length, inputBase, input.count), failure)
            output.removeLast(output.count - length)
            return output
        }
    }
}

extension RSA.PrivateKey {
    /// RSAES-OAEP decryption.
    ///
    /// - Throws: ``CryptoError/Code/authenticationFailure`` for every malformed ciphertext or padding, without
    ///   saying which check failed.
    public func decryptOAEP(
        _ ciphertext: some ContiguousBytes,
        digest: RSA.Digest,
        mgf1Digest: RSA.Digest? = nil,
        label: some ContiguousBytes = [UInt8]()
    ) throws -> SecureBytes {
        try decrypt(ciphertext, failure: CryptoError(.authenticationFailure, "RSA-OAEP decryption failed")) { context in
            try RSA.configureOAEP(context, digest: digest, mgf1Digest: mgf1Digest ?? digest, label: label)
        }
    }

    /// RSA decryption with the padding `configure` sets; every failure (wrong length, padding) is `failure`.
    func decrypt(_ ciphertext: some ContiguousBytes, failure: CryptoError, configure: (KeyContext) throws -> Void) throws -> SecureBytes {
        let context = try KeyContext(key: key)
        try OpenSSL.check(EVP_PKEY_decrypt_init(context.pointer), CryptoError(.libraryFailure, "RSA decrypt init failed"))
        try configure(context)
        return try ciphertext.withUnsafeBytes { (input) throws -> SecureBytes in
            let modulusBytes = (keySizeInBits + 7) / 8
            guard input.count == modulusBytes else { throw failure }
            let inputBase = input.bytes
            var rc: Int32 = 0
            let plaintext = SecureBytes(unsafeUninitializedCapacity: modulusBytes) { out, initialized in
                var length = out.count
                rc = EVP_PKEY_decrypt(context.pointer, out.bytes, &length, inputBase, input.count)
                initialized = rc == 1 ? length : 0
            }
            try OpenSSL.check(rc, failure)
            return plaintext
        }
    }
}

extension RSA {
    static func configureOAEP(_ context: KeyContext, digest: Digest, mgf1Digest: Digest, label: some ContiguousBytes) throws {
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_padding(context.pointer, RSA_PKCS1_OAEP_PADDING), CryptoError(.libraryFailure, "OAEP padding setup failed"))
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_oaep_md(context.pointer, evpDigest(digest)), CryptoError(.libraryFailure, "OAEP digest setup failed"))
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_mgf1_md(context.pointer, evpDigest(mgf1Digest)), CryptoError(.libraryFailure, "MGF1 digest setup failed"))
        let rc = label.withUnsafeBytes { l in
            chatsec_set_oaep_label(context.pointer, l.bytes, l.count)
        }
        try OpenSSL.check(rc, CryptoError(.invalidParameter, "OAEP label rejected"))
    }
}
