#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims

extension RSA.PrivateKey {
    /// Generates a key of `bits` bits (2048, 3072 or 4096 are typical) with public exponent 65537.
    public static func generate(bits: Int) throws -> RSA.PrivateKey {
        guard bits >= RSA.minimumKeySizeInBits, bits <= RSA.maximumKeySizeInBits else {
            throw CryptoError(.unsupported, "RSA key size out of range")
        }
        let context = try KeyContext(algorithm: EVP_PKEY_RSA)
        try OpenSSL.check(EVP_PKEY_keygen_init(context.pointer), CryptoError(.libraryFailure, "RSA keygen init failed"))
        try OpenSSL.check(EVP_PKEY_CTX_set_rsa_keygen_bits(context.pointer, Int32(bits)), CryptoError(.libraryFailure, "RSA keygen size rejected"))
        var generated: OpaquePointer?
        try OpenSSL.check(EVP_PKEY_keygen(context.pointer, &generated), CryptoError(.libraryFailure, "RSA key generation failed"))
        guard let generated else { throw CryptoError(.libraryFailure, "RSA key generation failed") }
        return RSA.PrivateKey(key: OwnedKey(takingOwnershipOf: generated))
    }

    /// Parses an unencrypted PKCS#8 `PrivateKeyInfo` in DER. Trailing bytes are rejected.
    public init(pkcs8DER der: some ContiguousBytes) throws {
        let parsed = der.withUnsafeBytes { bytes in
            chatsec_parse_pkcs8_der(bytes.bytes, bytes.count)
        }
        guard let parsed else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedInput, "not a DER PKCS#8 private key")
        }
        let key = OwnedKey(takingOwnershipOf: parsed)
        try RSA.checkIsRSA(key)
        self.init(key: key)
    }

    /// Parses a PEM `PRIVATE KEY` block (PKCS#8).
    public init(pemRepresentation pem: some ContiguousBytes) throws {
        try self.init(pkcs8DER: PEM.decode(SecureBytes(copying: pem), label: "PRIVATE KEY"))
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

    /// The key as a PEM `PRIVATE KEY` block (UTF-8 text in secure storage).
    public func pemRepresentation() throws -> SecureBytes {
        PEM.encode(label: "PRIVATE KEY", der: try pkcs8DERRepresentation())
    }

    /// The matching public key.
    public var publicKey: RSA.PublicKey {
        get throws {
            try RSA.PublicKey(spkiDER: RSA.encodeSPKI(key))
        }
    }

    /// The modulus size in bits.
    public var keySizeInBits: Int { Int(EVP_PKEY_get_bits(key.pointer)) }
}

extension RSA.PublicKey {
    /// Parses a DER PKIX `SubjectPublicKeyInfo`. Trailing bytes are rejected.
    public init(spkiDER der: some ContiguousBytes) throws {
        let parsed = der.withUnsafeBytes { bytes in
            chatsec_parse_spki_der(bytes.bytes, bytes.count)
        }
        guard let parsed else {
            OpenSSL.clearErrors()
            throw CryptoError(.malformedInput, "not a DER SubjectPublicKeyInfo")
        }
        let key = OwnedKey(takingOwnershipOf: parsed)
        try RSA.checkIsRSA(key)
        self.init(key: key)
    }

    /// Parses a PEM `PUBLIC KEY` block.
    public init(pemRepresentation pem: String) throws {
        try self.init(spkiDER: PEM.decode(SecureBytes(copying: Array(pem.utf8)), label: "PUBLIC KEY"))
    }

    /// The key as DER `SubjectPublicKeyInfo`.
    public var spkiDERRepresentation: [UInt8] {
        get throws { try RSA.encodeSPKI(key) }
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        get throws {
            let pem = PEM.encode(label: "PUBLIC KEY", der: SecureBytes(copying: try spkiDERRepresentation))
            return pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The modulus size in bits.
    public var keySizeInBits: Int { Int(EVP_PKEY_get_bits(key.pointer)) }
}

extension RSA {
    static func checkIsRSA(_ key: OwnedKey) throws {
        guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_RSA else {
            throw CryptoError(.invalidKey, "not an RSA key")
        }
        let bits = Int(EVP_PKEY_get_bits(key.pointer))
        guard bits >= minimumKeySizeInBits, bits <= maximumKeySizeInBits else {
            throw CryptoError(.unsupported, "RSA key size out of range")
        }
        try OpenSSL.checkPublicKey(key)
    }

    static func encodeSPKI(_ key: OwnedKey) throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = chatsec_encode_spki_der(key.pointer, &buffer)
        guard length > 0, let buffer else {
            OpenSSL.clearErrors()
            throw CryptoError(.libraryFailure, "SubjectPublicKeyInfo encoding failed")
        }
        defer { chatsec_openssl_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }

    static func evpDigest(_ digest: Digest) -> OpaquePointer? {
        switch digest {
        case .sha1: EVP_sha1()
        case .sha224: EVP_sha224()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }
}
