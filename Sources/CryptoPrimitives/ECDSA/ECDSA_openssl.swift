#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension ECDSA.PrivateKey {
    /// Generates a key on `curve`.
    public static func generate(curve: ECDSA.Curve) throws -> ECDSA.PrivateKey {
        let generated = curve.groupName.withCString { name in chatsec_ec_generate(name) }
        guard let generated else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "EC key generation failed")
        }
        return ECDSA.PrivateKey(key: OwnedKey(takingOwnershipOf: generated), curve: curve)
    }

    /// Parses an unencrypted DER PKCS#8 EC private key on `curve`.
    public init(pkcs8DER der: some ContiguousBytes, curve: ECDSA.Curve) throws {
        let parsed = der.withUnsafeBytes { bytes in
            chatsec_parse_pkcs8_der(bytes.bytes, bytes.count)
        }
        guard let parsed else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedInput, "not a DER PKCS#8 private key")
        }
        let key = OwnedKey(takingOwnershipOf: parsed)
        try ECDSA.check(key, isOn: curve)
        self.init(key: key, curve: curve)
    }

    /// The key as DER PKCS#8, in secure storage.
    public func pkcs8DERRepresentation() throws -> SecureBytes {
        let length = chatsec_encode_pkcs8_der(key.pointer, nil, 0)
        guard length > 0 else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "PKCS#8 encoding failed")
        }
        var rc: Int32 = -1
        let der = SecureBytes(unsafeUninitializedCapacity: Int(length)) { buffer, initialized in
            rc = chatsec_encode_pkcs8_der(key.pointer, buffer.bytes, buffer.count)
            initialized = rc == length ? Int(length) : 0
        }
        guard rc == length else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "PKCS#8 encoding failed")
        }
        return der
    }

    /// The matching public key.
    public var publicKey: ECDSA.PublicKey {
        get throws {
            try ECDSA.PublicKey(spkiDER: RSA.encodeSPKI(key), curve: curve)
        }
    }

    /// A DER-encoded ECDSA signature of `message` (hashed with the curve's hash).
    public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "EVP_MD_CTX_new failed")
        }
        defer { EVP_MD_CTX_free(context) }
        try OpenSSL.check(
            EVP_DigestSignInit(context, nil, ECDSA.evpDigest(curve), nil, key.pointer),
            CryptoError(.libraryFailure, "ECDSA sign init failed")
        )
        return try message.withUnsafeBytes { (m) throws -> [UInt8] in
            var length = 0
            let base = m.bytes
            try OpenSSL.check(EVP_DigestSign(context, nil, &length, base, m.count), CryptoError(.libraryFailure, "ECDSA sign sizing failed"))
            var signature = [UInt8](repeating: 0, count: length)
            try OpenSSL.check(EVP_DigestSign(context, &signature, &length, base, m.count), CryptoError(.libraryFailure, "ECDSA signing failed"))
            signature.removeLast(signature.count - length)
            return signature
        }
    }
}

extension ECDSA.PublicKey {
    /// Parses a DER `SubjectPublicKeyInfo` for a key on `curve`. Trailing bytes and points not on the curve are
    /// rejected.
    public init(spkiDER der: some ContiguousBytes, curve: ECDSA.Curve) throws {
        let parsed = der.withUnsafeBytes { bytes in
            chatsec_parse_spki_der(bytes.bytes, bytes.count)
        }
        guard let parsed else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedInput, "not a DER SubjectPublicKeyInfo")
        }
        let key = OwnedKey(takingOwnershipOf: parsed)
        try ECDSA.check(key, isOn: curve)
        self.init(key: key, curve: curve)
    }

    /// A key from an uncompressed X9.62 point `0x04 || X || Y`.
    public init(x962Representation point: some ContiguousBytes, curve: ECDSA.Curve) throws {
        let bytes = point.withUnsafeBytes { Array($0) }
        guard bytes.count == curve.uncompressedPointByteCount, bytes.first == 0x04 else {
            throw CryptoError(.invalidKey, "EC point must be uncompressed and of the curve's length")
        }
        try self.init(spkiDER: curve.spkiPrefix + bytes, curve: curve)
    }

    /// The key as DER `SubjectPublicKeyInfo` (uncompressed point).
    public var spkiDERRepresentation: [UInt8] {
        get throws { try RSA.encodeSPKI(key) }
    }

    /// The uncompressed X9.62 point `0x04 || X || Y`.
    public var x962Representation: [UInt8] {
        get throws {
            let spki = try spkiDERRepresentation
            let prefix = curve.spkiPrefix
            guard spki.count == prefix.count + curve.uncompressedPointByteCount, Array(spki.prefix(prefix.count)) == prefix else {
                throw CryptoError(.libraryFailure, "unexpected SubjectPublicKeyInfo layout")
            }
            return Array(spki.suffix(curve.uncompressedPointByteCount))
        }
    }

    /// Whether `signature` (strict DER) is a valid signature of `message`.
    public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
        guard let context = EVP_MD_CTX_new() else {
            OpenSSL.clearErrors()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, ECDSA.evpDigest(curve), nil, key.pointer) == 1 else {
            OpenSSL.clearErrors()
            return false
        }
        let rc = signature.withUnsafeBytes { s in
            message.withUnsafeBytes { m in
                EVP_DigestVerify(context, s.bytes, s.count, m.bytes, m.count)
            }
        }
        if rc != 1 { OpenSSL.clearErrors() }
        return rc == 1
    }
}

extension ECDSA {
    static func evpDigest(_ curve: Curve) -> OpaquePointer? {
        switch curve {
        case .p256: EVP_sha256()
        case .p384: EVP_sha384()
        }
    }

    static func check(_ key: OwnedKey, isOn curve: Curve) throws {
        guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_EC else { throw CryptoError(.invalidKey, "not an EC key") }
        var name = [CChar](repeating: 0, count: 64)
        var length = 0
        let rc = EVP_PKEY_get_utf8_string_param(key.pointer, "group", &name, name.count, &length)
        guard rc == 1 else {
            OpenSSL.clearErrors()
            throw CryptoError(.invalidKey, "EC key has no named curve")
        }
        let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard group == curve.groupName else { throw CryptoError(.invalidKey, "EC key is on a different curve") }
        // Only uncompressed points: compressed and hybrid encodings would round-trip differently.
        let spki = try RSA.encodeSPKI(key)
        guard spki.count == curve.spkiPrefix.count + curve.uncompressedPointByteCount,
              Array(spki.prefix(curve.spkiPrefix.count)) == curve.spkiPrefix
        else { throw CryptoError(.invalidKey, "EC public key must use an uncompressed point") }
        try OpenSSL.checkPublicKey(key)
    }
}
