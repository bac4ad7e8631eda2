internal import COpenSSL
internal import COpenSSLShims

/// Helpers shared by the files that call libcrypto.
enum OpenSSL {
    /// Empties this thread's libcrypto error queue. Called after every failed call, so one failure never
    /// shows up as the reason of a later one and the queue never grows. The queued text is discarded: it can
    /// describe the input.
    static func clearErrors() {
        ERR_clear_error()
    }

    /// libcrypto's public-key validation (`EVP_PKEY_public_check`): for RSA, SP 800-56B's checks (odd modulus
    /// without small factors, odd exponent from 65,537 to 2^256); for EC, the point is on the curve and not the
    /// point at infinity.
    static func checkPublicKey(_ key: OwnedKey) throws {
        let context = try KeyContext(key: key)
        try check(EVP_PKEY_public_check(context.pointer), CryptoError(.invalidKey, "public key failed validation"))
    }

    /// Throws `error` (after clearing the error queue) unless `rc == 1`.
    static func check(_ rc: Int32, _ error: @autoclosure () -> CryptoError) throws {
        guard rc == 1 else {
            clearErrors()
            throw error()
        }
    }
}

/// An owned `EVP_CIPHER_CTX`.
final class CipherContext {
    let pointer: OpaquePointer

    init() throws {
        guard let context = EVP_CIPHER_CTX_new() else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "EVP_CIPHER_CTX_new failed")
        }
        pointer = context
    }

    deinit {
        // EVP_CIPHER_CTX_free cleanses the expanded key schedule.
        EVP_CIPHER_CTX_free(pointer)
    }
}

/// An owned `EVP_PKEY` (RSA or EC). libcrypto allows concurrent use of one key by operations that each have
/// their own `EVP_PKEY_CTX`, which is how every operation here uses it.
final class OwnedKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(takingOwnershipOf pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        // Frees private components with BN_clear_free.
        EVP_PKEY_free(pointer)
    }
}

/// An owned `EVP_PKEY_CTX`.
final class KeyContext {
    let pointer: OpaquePointer

    init(key: OwnedKey) throws {
        guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "EVP_PKEY_CTX_new failed")
        }
        pointer = context
    }

    init(algorithm: Int32) throws {
        guard let context = EVP_PKEY_CTX_new_id(algorithm, nil) else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "EVP_PKEY_CTX_new_id failed")
        }
        pointer = context
    }

    deinit {
        EVP_PKEY_CTX_free(pointer)
    }
}
