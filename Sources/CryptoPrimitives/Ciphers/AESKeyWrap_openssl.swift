#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension AES {
    /// AES key wrap with padding (KWP, RFC 5649 / NIST SP 800-38F), as Vault's BYOK import uses it.
    public enum KeyWrap {
        /// The largest key this API wraps (far above any real key; bounds allocations).
        public static let maximumInputByteCount = 1 << 20

        /// Wraps `keyToWrap` (1 byte or more) under `kek`.
        public static func wrap(_ keyToWrap: some ContiguousBytes, kek: SecretKey) throws -> [UInt8] {
            try keyToWrap.withUnsafeBytes { (input) throws -> [UInt8] in
                guard input.count >= 1, input.count <= maximumInputByteCount else {
                    throw CryptoError(.invalidParameter, "key to wrap must be 1 byte to 1 MiB")
                }
                let context = try prepare(kek: kek, encrypting: true)
                // Output: 8-byte integrity block plus the input padded to a multiple of 8.
                var output = [UInt8](repeating: 0, count: 8 + (input.count + 7) / 8 * 8 + blockByteCount)
                var written: Int32 = 0
                try OpenSSL.check(
                    EVP_CipherUpdate(context.pointer, &output, &written, input.bytes, Int32(input.count)),
                    CryptoError(.libraryFailure, "AES-KWP wrap failed")
                )
                guard written > 0 else { throw CryptoError(.libraryFailure, "AES-KWP wrap failed") }
                output.removeLast(output.count - Int(written))
                return output
            }
        }

        /// Unwraps a wrapped key and checks its integrity and padding.
        ///
        /// - Throws: ``CryptoError/Code/authenticationFailure`` for any integrity or padding failure.
        public static func unwrap(_ wrapped: some ContiguousBytes, kek: SecretKey) throws -> SecureBytes {
            try wrapped.withUnsafeBytes { (input) throws -> SecureBytes in
                guard input.count >= 16, input.count % 8 == 0, input.count <= maximumInputByteCount + 16 else {
                    throw CryptoError(.authenticationFailure, "wrapped key has an invalid length")
                }
                let context = try prepare(kek: kek, encrypting: false)
                var written: Int32 = 0
                var rc: Int32 = 0
                let output = SecureBytes(unsafeUninitializedCapacity: input.count + blockByteCount) { out, initialized in
                    rc = EVP_CipherUpdate(
                        context.pointer, out.bytes, &written,
                        input.bytes, Int32(input.count)
                    )
                    initialized = rc == 1 && written > 0 ? Int(written) : 0
                }
                guard rc == 1, written > 0 else {
                    OpenSSL.clearErrors()
                    throw CryptoError(.authenticationFailure, "AES-KWP unwrap failed")
                }
                return output
            }
        }

        private static func prepare(kek: SecretKey, encrypting: Bool) throws -> CipherContext {
            let cipher: OpaquePointer?
            switch kek.byteCount {
            case 16: cipher = EVP_aes_128_wrap_pad()
            case 24: cipher = EVP_aes_192_wrap_pad()
            case 32: cipher = EVP_aes_256_wrap_pad()
            default: throw CryptoError(.invalidKey, "AES key-wrapping key must be 16, 24 or 32 bytes")
            }
            let context = try CipherContext()
            chatsec_cipher_ctx_allow_wrap(context.pointer)
            let rc = kek.withUnsafeBytes { k in
                EVP_CipherInit_ex(context.pointer, cipher, nil, k.bytes, nil, encrypting ? 1 : 0)
            }
            try OpenSSL.check(rc, CryptoError(.libraryFailure, "AES-KWP initialization failed"))
            return context
        }
    }
}
