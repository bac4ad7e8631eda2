#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension AES {
    /// AES-256-CBC (and AES-128/192-CBC) with PKCS#7 padding, as the Signal protocol uses for message bodies.
    ///
    /// CBC is not authenticated: callers must verify a MAC over the ciphertext before decrypting (Signal does).
    /// A decryption failure, bad padding included, is always ``CryptoError/Code/authenticationFailure``.
    public enum CBC {
        /// The padding scheme.
        public enum Padding: Sendable {
            /// PKCS#7 (RFC 5652 §6.3): the default.
            case pkcs7
            /// None: the input must be a multiple of the block length. For test vectors and protocols that pad
            /// themselves.
            case none
        }

        /// Encrypts `plaintext` under `key` with a 16-byte `iv`.
        public static func encrypt(
            _ plaintext: some ContiguousBytes,
            key: SecretKey,
            iv: some ContiguousBytes,
            padding: Padding = .pkcs7
        ) throws -> [UInt8] {
            let context = try prepare(key: key, iv: iv, encrypting: true, padding: padding)
            return try plaintext.withUnsafeBytes { (input) throws -> [UInt8] in
                if padding == .none, input.count % blockByteCount != 0 {
                    throw CryptoError(.invalidParameter, "unpadded CBC input must be whole blocks")
                }
                var output = [UInt8](repeating: 0, count: input.count + blockByteCount)
                let written = try output.withUnsafeMutableBytes { (out) throws -> Int in
                    try run(context, input: input, output: out, failure: CryptoError(.libraryFailure, "AES-CBC encryption failed"))
                }
                output.removeLast(output.count - written)
                return output
            }
        }

        /// Decrypts and removes the padding.
        ///
        /// - Throws: ``CryptoError/Code/authenticationFailure`` for bad padding or a ciphertext that is not whole
        ///   blocks; ``CryptoError/Code/invalidKey`` / ``CryptoError/Code/invalidParameter`` for bad sizes.
        public static func decrypt(
            _ ciphertext: some ContiguousBytes,
            key: SecretKey,
            iv: some ContiguousBytes,
            padding: Padding = .pkcs7
        ) throws -> SecureBytes {
            let context = try prepare(key: key, iv: iv, encrypting: false, padding: padding)
            return try ciphertext.withUnsafeBytes { (input) throws -> SecureBytes in
                guard input.count % blockByteCount == 0, padding == .none || input.count > 0 else {
                    throw CryptoError(.authenticationFailure, "CBC ciphertext is not whole blocks")
                }
                var failed = false
                let plaintext = SecureBytes(unsafeUninitializedCapacity: input.count + blockByteCount) { out, initialized in
                    do {
                        initialized = try run(context, input: input, output: out, failure: CryptoError(.authenticationFailure, "AES-CBC decryption failed"))
                    } catch {
                        failed = true
                        initialized = 0
                    }
                }
                guard !failed else { throw CryptoError(.authenticationFailure, "AES-CBC decryption failed") }
                return plaintext
            }
        }

        private static func prepare(
            key: SecretKey,
            iv: some ContiguousBytes,
            encrypting: Bool,
            padding: Padding
        ) throws -> CipherContext {
            let cipher: OpaquePointer?
            switch key.byteCount {
            case 16: cipher = EVPCipher.aes128CBC.pointer
            case 24: cipher = EVPCipher.aes192CBC.pointer
            case 32: cipher = EVPCipher.aes256CBC.pointer
            default: throw CryptoError(.invalidKey, "AES key must be 16, 24 or 32 bytes")
            }
            guard cipher != nil else { throw CryptoError(.libraryFailure, "libcrypto provides no AES-CBC") }
            let context = try CipherContext()
            let rc = key.withUnsafeBytes { k in
                iv.withUnsafeBytes { v -> Int32 in
                    guard v.count == blockByteCount else { return -2 }
                    return EVP_CipherInit_ex(
                        context.pointer, cipher, nil,
                        k.bytes, v.bytes,
                        encrypting ? 1 : 0
                    )
                }
            }
            if rc == -2 { throw CryptoError(.invalidParameter, "CBC IV must be 16 bytes") }
            try OpenSSL.check(rc, CryptoError(.libraryFailure, "AES-CBC initialization failed"))
            try OpenSSL.check(EVP_CIPHER_CTX_set_padding(context.pointer, padding == .pkcs7 ? 1 : 0), CryptoError(.libraryFailure, "AES-CBC padding setup failed"))
            return context
        }

        private static func run(
            _ context: CipherContext,
            input: UnsafeRawBufferPointer,
            output: UnsafeMutableRawBufferPointer,
            failure: CryptoError
        ) throws -> Int {
            guard input.count <= Int(Int32.max) - blockByteCount else {
                throw CryptoError(.invalidParameter, "CBC input too long")
            }
            var updateLength: Int32 = 0
            var finalLength: Int32 = 0
            let out = output.bytes
            try OpenSSL.check(
                EVP_CipherUpdate(context.pointer, out, &updateLength, input.bytes, Int32(input.count)),
                failure
            )
            try OpenSSL.check(EVP_CipherFinal_ex(context.pointer, out + Int(updateLength), &finalLength), failure)
            return Int(updateLength + finalLength)
        }
    }
}
