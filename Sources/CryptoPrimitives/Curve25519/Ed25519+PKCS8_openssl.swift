#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension Ed25519.PrivateKey {
    /// Parses an unencrypted PKCS#8 `PrivateKeyInfo` (RFC 8410) holding an Ed25519 key.
    public init(pkcs8DER der: some ContiguousBytes) throws {
        let parsed = der.withUnsafeBytes { bytes in chatsec_parse_pkcs8_der(bytes.bytes, bytes.count) }
        guard let parsed else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedInput, "not a DER PKCS#8 private key")
        }
        let key = OwnedKey(takingOwnershipOf: parsed)
        guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_ED25519 else { throw CryptoError(.invalidKey, "not an Ed25519 key") }
        var length = 0
        var rc: Int32 = 0
        let seed = SecureBytes(unsafeUninitializedCapacity: Ed25519.keyByteCount) { buffer, initialized in
            length = buffer.count
            rc = EVP_PKEY_get_raw_private_key(key.pointer, buffer.bytes, &length)
            initialized = rc == 1 ? Swift.min(length, buffer.count) : 0
        }
        guard rc == 1, length == Ed25519.keyByteCount else {
            OpenSSL.clearErrors()
            throw CryptoError(.invalidKey, "Ed25519 key could not be read")
        }
        try self.init(seed: seed)
    }
}
