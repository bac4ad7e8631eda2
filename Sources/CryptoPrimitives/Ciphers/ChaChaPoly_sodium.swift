#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import CSodium

/// ChaCha20-Poly1305 in its IETF form (RFC 8439: 32-byte key, 12-byte nonce, 16-byte tag), on libsodium.
public enum ChaChaPoly {
    /// Key length.
    public static let keyByteCount = 32
    /// Nonce length.
    public static let nonceByteCount = 12
    /// Tag length.
    public static let tagByteCount = 16

    /// Encrypts and authenticates `plaintext` and authenticates `aad`.
    public static func seal(
        _ plaintext: some ContiguousBytes,
        key: SecretKey,
        nonce: some ContiguousBytes,
        authenticating aad: some ContiguousBytes = [UInt8]()
    ) throws -> AEADSealedBox {
        try checkSizes(key: key, nonce: nonce)
        _ = SodiumRuntime.ready
        return try plaintext.withUnsafeBytes { m in
            var ciphertext = [UInt8](repeating: 0, count: m.count)
            var tag = [UInt8](repeating: 0, count: tagByteCount)
            var tagLength: UInt64 = 0
            let rc = key.withUnsafeBytes { k in
                nonce.withUnsafeBytes { n in
                    aad.withUnsafeBytes { a in
                        crypto_aead_chacha20poly1305_ietf_encrypt_detached(
                            &ciphertext, &tag, &tagLength,
                            m.bytes, UInt64(m.count),
                            a.bytes, UInt64(a.count),
                            nil,
                            n.bytes,
                            k.bytes
                        )
                    }
                }
            }
            guard rc == 0 else { throw CryptoError(.libraryFailure, "ChaCha20-Poly1305 encryption failed") }
            return AEADSealedBox(ciphertext: ciphertext, tag: tag)
        }
    }

    /// Verifies and decrypts. No plaintext is returned unless the tag verified.
    public static func open(
        _ box: AEADSealedBox,
        key: SecretKey,
        nonce: some ContiguousBytes,
        authenticating aad: some ContiguousBytes = [UInt8]()
    ) throws -> SecureBytes {
        try checkSizes(key: key, nonce: nonce)
        guard box.tag.count == tagByteCount else { throw CryptoError(.authenticationFailure, "ChaCha20-Poly1305 tag must be 16 bytes") }
        _ = SodiumRuntime.ready
        var rc: Int32 = -1
        let plaintext = SecureBytes(unsafeUninitializedCapacity: box.ciphertext.count) { out, initialized in
            rc = key.withUnsafeBytes { k in
                nonce.withUnsafeBytes { n in
                    aad.withUnsafeBytes { a in
                        crypto_aead_chacha20poly1305_ietf_decrypt_detached(
                            out.bytes, nil,
                            box.ciphertext, UInt64(box.ciphertext.count),
                            box.tag,
                            a.bytes, UInt64(a.count),
                            n.bytes,
                            k.bytes
                        )
                    }
                }
            }
            initialized = box.ciphertext.count
        }
        guard rc == 0 else { throw CryptoError(.authenticationFailure, "ChaCha20-Poly1305 authentication failed") }
        return plaintext
    }

    private static func checkSizes(key: SecretKey, nonce: some ContiguousBytes) throws {
        guard key.byteCount == keyByteCount else { throw CryptoError(.invalidKey, "ChaCha20-Poly1305 key must be 32 bytes") }
        guard nonce.withUnsafeBytes({ $0.count }) == nonceByteCount else {
            throw CryptoError(.invalidParameter, "ChaCha20-Poly1305 nonce must be 12 bytes")
        }
    }
}
