#if canImport(FoundationEssentials)
import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension AES.GCM {
    /// One AES-GCM key expanded once and used for many messages with 12-byte nonces: the frames of a streamed
    /// message, each under its own nonce. Writes into caller-provided buffers, so a framed body costs no
    /// allocation per frame. Owns a libcrypto context (its key schedule is cleansed when the context is freed);
    /// not thread-safe. The caller guarantees nonce uniqueness exactly as with ``seal(_:key:nonce:authenticating:)``.
    public final class KeyedContext {
        private let context: CipherContext
        private let encrypting: Bool

        /// A context for sealing (`encrypting`) or opening under `key` (16, 24 or 32 bytes).
        public init(key: SecretKey, encrypting: Bool) throws {
            let cipher = try AES.GCM.cipher(for: key)
            context = try CipherContext()
            self.encrypting = encrypting
            let enc: Int32 = encrypting ? 1 : 0
            try OpenSSL.check(EVP_CipherInit_ex(context.pointer, cipher, nil, nil, nil, enc), CryptoError(.libraryFailure, "AES-GCM initialization failed"))
            let rc = key.withUnsafeBytes { k in EVP_CipherInit_ex(context.pointer, nil, nil, k.bytes, nil, enc) }
            try OpenSSL.check(rc, CryptoError(.libraryFailure, "AES-GCM key setup failed"))
        }

        /// Encrypts `plaintext` into `ciphertext` (same length) and writes the 16-byte tag into `tag`.
        public func seal(
            _ plaintext: UnsafeRawBufferPointer,
            nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer,
            ciphertext: UnsafeMutableRawBufferPointer,
            tag: UnsafeMutableRawBufferPointer
        ) throws {
            guard encrypting else { throw CryptoError(.invalidParameter, "context was made for opening") }
            guard ciphertext.count >= plaintext.count, tag.count >= tagByteCount else {
                throw CryptoError(.invalidParameter, "AES-GCM output buffer too small")
            }
            try start(nonce: nonce, aad: aad)
            try AES.GCM.update(context, input: plaintext, output: ciphertext, failure: CryptoError(.libraryFailure, "AES-GCM encryption failed"))
            try finish(CryptoError(.libraryFailure, "AES-GCM finalization failed"))
            try OpenSSL.check(
                EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), tag.baseAddress),
                CryptoError(.libraryFailure, "AES-GCM tag retrieval failed")
            )
        }

        /// Verifies `tag` and decrypts `ciphertext` into `plaintext` (same length). When the tag does not verify,
        /// `plaintext` is zeroed before the error is thrown, so nothing unauthenticated is left in it.
        ///
        /// - Throws: ``CryptoError/Code/authenticationFailure`` when the tag does not match.
        public func open(
            _ ciphertext: UnsafeRawBufferPointer,
            tag: UnsafeRawBufferPointer,
            nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer,
            plaintext: UnsafeMutableRawBufferPointer
        ) throws {
            guard !encrypting else { throw CryptoError(.invalidParameter, "context was made for sealing") }
            guard plaintext.count >= ciphertext.count else { throw CryptoError(.invalidParameter, "AES-GCM output buffer too small") }
            guard tag.count == tagByteCount else { throw CryptoError(.authenticationFailure, "AES-GCM tag must be 16 bytes") }
            do {
                try start(nonce: nonce, aad: aad)
                try AES.GCM.update(context, input: ciphertext, output: plaintext, failure: CryptoError(.authenticationFailure, "AES-GCM decryption failed"))
                try OpenSSL.check(
                    EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), UnsafeMutableRawPointer(mutating: tag.baseAddress)),
                    CryptoError(.libraryFailure, "AES-GCM tag setup failed")
                )
                try finish(CryptoError(.authenticationFailure, "AES-GCM tag mismatch"))
            } catch {
                if ciphertext.count > 0 { SecureMemory.zero(UnsafeMutableRawBufferPointer(rebasing: plaintext[0..<ciphertext.count])) }
                throw CryptoError(.authenticationFailure, "AES-GCM authentication failed")
            }
        }

        /// EVP_CipherFinal_ex into a stack scratch block (GCM writes nothing there; no heap allocation per frame).
        private func finish(_ failure: CryptoError) throws {
            var finalLength: Int32 = 0
            let rc = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: AES.blockByteCount) { scratch in
                EVP_CipherFinal_ex(context.pointer, scratch.baseAddress, &finalLength)
            }
            try OpenSSL.check(rc, failure)
        }

        private func start(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer) throws {
            guard nonce.count == nonceByteCount else { throw CryptoError(.invalidParameter, "AES-GCM nonce must be 12 bytes") }
            try OpenSSL.check(
                EVP_CipherInit_ex(context.pointer, nil, nil, nil, nonce.bytes, encrypting ? 1 : 0),
                CryptoError(.libraryFailure, "AES-GCM nonce setup failed")
            )
            try AES.GCM.addAAD(context, aad)
        }
    }
}
