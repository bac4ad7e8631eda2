#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension AES {
    /// AES-GCM (NIST SP 800-38D) with 128-, 192- or 256-bit keys and 16-byte tags.
    ///
    /// Nonces of 12 bytes are the standard and what ``seal(_:key:nonce:authenticating:)`` is meant for; other
    /// lengths from 1 to 128 bytes are accepted for interoperability (GCM hashes them into the initial
    /// counter). An empty nonce is refused, and so is one longer than 128 bytes: libcrypto's limit (Wycheproof's
    /// 257-byte nonces are therefore refused with ``CryptoError/Code/invalidParameter``). Never reuse a nonce
    /// under one key.
    public enum GCM {
        /// The recommended nonce length.
        public static let nonceByteCount = 12
        /// The tag length.
        public static let tagByteCount = 16
        /// The longest accepted nonce.
        public static let maximumNonceByteCount = 128

        /// Encrypts and authenticates `plaintext` and authenticates `aad`.
        public static func seal(
            _ plaintext: some ContiguousBytes,
            key: SecretKey,
            nonce: some ContiguousBytes,
            authenticating aad: some ContiguousBytes = [UInt8]()
        ) throws -> AEADSealedBox {
            let context = try prepare(key: key, nonce: nonce, encrypting: true)
            try addAAD(context, aad)
            let ciphertext = try plaintext.withUnsafeBytes { (input) throws -> [UInt8] in
                // Written in full by libcrypto: no zero-fill pass before it (on a throw the array is discarded).
                try [UInt8](unsafeUninitializedCapacity: input.count) { buffer, initialized in
                    try update(context, input: input, output: UnsafeMutableRawBufferPointer(buffer),
                               failure: CryptoError(.libraryFailure, "AES-GCM encryption failed"))
                    initialized = input.count
                }
            }
            var finalLength: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: blockByteCount)
            try OpenSSL.check(EVP_CipherFinal_ex(context.pointer, &scratch, &finalLength), CryptoError(.libraryFailure, "AES-GCM finalization failed"))
            var tag = [UInt8](repeating: 0, count: tagByteCount)
            try OpenSSL.check(
                EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), &tag),
                CryptoError(.libraryFailure, "AES-GCM tag retrieval failed")
            )
            return AEADSealedBox(ciphertext: ciphertext, tag: tag)
        }

        /// Verifies and decrypts. No plaintext is returned unless the tag verified.
        ///
        /// - Throws: ``CryptoError/Code/authenticationFailure`` when the tag does not match.
        public static func open(
            _ box: AEADSealedBox,
            key: SecretKey,
            nonce: some ContiguousBytes,
            authenticating aad: some ContiguousBytes = [UInt8]()
        ) throws -> SecureBytes {
            guard box.tag.count == tagByteCount else { throw CryptoError(.authenticationFailure, "AES-GCM tag must be 16 bytes") }
            let context = try prepare(key: key, nonce: nonce, encrypting: false)
            try addAAD(context, aad)
            var failed = false
            let plaintext = SecureBytes(unsafeUninitializedCapacity: box.ciphertext.count) { out, initialized in
                initialized = box.ciphertext.count
                do {
                    try box.ciphertext.withUnsafeBytes { (input) throws in
                        try update(context, input: input, output: out, failure: CryptoError(.authenticationFailure, "AES-GCM decryption failed"))
                    }
                    var tag = box.tag
                    try OpenSSL.check(
                        EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), &tag),
                        CryptoError(.libraryFailure, "AES-GCM tag setup failed")
                    )
                    var finalLength: Int32 = 0
                    var scratch = [UInt8](repeating: 0, count: blockByteCount)
                    try OpenSSL.check(EVP_CipherFinal_ex(context.pointer, &scratch, &finalLength), CryptoError(.authenticationFailure, "AES-GCM tag mismatch"))
                } catch {
                    failed = true
                }
            }
            guard !failed else { throw CryptoError(.authenticationFailure, "AES-GCM authentication failed") }
            return plaintext
        }

        private static func prepare(key: SecretKey, nonce: some ContiguousBytes, encrypting: Bool) throws -> CipherContext {
            let cipher = try cipher(for: key)
            let nonceCount = nonce.withUnsafeBytes { $0.count }
            guard nonceCount >= 1, nonceCount <= maximumNonceByteCount else {
                throw CryptoError(.invalidParameter, "AES-GCM nonce length out of range")
            }
            let context = try CipherContext()
            let enc: Int32 = encrypting ? 1 : 0
            try OpenSSL.check(EVP_CipherInit_ex(context.pointer, cipher, nil, nil, nil, enc), CryptoError(.libraryFailure, "AES-GCM initialization failed"))
            if nonceCount != nonceByteCount {  // 12 bytes is the default; setting it costs a parameter lookup
                try OpenSSL.check(
                    EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceCount), nil),
                    CryptoError(.invalidParameter, "AES-GCM nonce length rejected")
                )
            }
            let rc = key.withUnsafeBytes { k in
                nonce.withUnsafeBytes { n in
                    EVP_CipherInit_ex(context.pointer, nil, nil, k.bytes, n.bytes, enc)
                }
            }
            try OpenSSL.check(rc, CryptoError(.libraryFailure, "AES-GCM key setup failed"))
            return context
        }

        /// libcrypto's AES-GCM cipher for the key's length.
        static func cipher(for key: SecretKey) throws -> OpaquePointer {
            let cipher: OpaquePointer?
            switch key.byteCount {
            case 16: cipher = EVPCipher.aes128GCM.pointer
            case 24: cipher = EVPCipher.aes192GCM.pointer
            case 32: cipher = EVPCipher.aes256GCM.pointer
            default: throw CryptoError(.invalidKey, "AES key must be 16, 24 or 32 bytes")
            }
            guard let cipher else { throw CryptoError(.libraryFailure, "libcrypto provides no AES-GCM") }
            return cipher
        }

        static func addAAD(_ context: CipherContext, _ aad: some ContiguousBytes) throws {
            try aad.withUnsafeBytes { (a) throws in
                guard a.count > 0 else { return }
                guard a.count <= Int(Int32.max) else { throw CryptoError(.invalidParameter, "AES-GCM AAD too long") }
                var length: Int32 = 0
                try OpenSSL.check(
                    EVP_CipherUpdate(context.pointer, nil, &length, a.bytes, Int32(a.count)),
                    CryptoError(.libraryFailure, "AES-GCM AAD processing failed")
                )
            }
        }

        /// Feeds `input` in chunks below `Int32.max`.
        static func update(
            _ context: CipherContext,
            input: UnsafeRawBufferPointer,
            output: UnsafeMutableRawBufferPointer,
            failure: CryptoError
        ) throws {
            let chunk = 1 << 30
            var offset = 0
            while offset < input.count {
                let length = Swift.min(chunk, input.count - offset)
                var written: Int32 = 0
                guard let inBase = input.baseAddress, let outBase = output.baseAddress else { throw failure }
                try OpenSSL.check(
                    EVP_CipherUpdate(
                        context.pointer,
                        outBase.advanced(by: offset).assumingMemoryBound(to: UInt8.self), &written,
                        inBase.advanced(by: offset).assumingMemoryBound(to: UInt8.self), Int32(length)
                    ),
                    failure
                )
                // GCM is a stream mode: libcrypto writes exactly what it reads. Anything else would leave output
                // bytes unwritten (callers may pass uninitialized buffers), so it is a failure.
                guard written == Int32(length) else { throw failure }
                offset += length
            }
        }
    }
}
