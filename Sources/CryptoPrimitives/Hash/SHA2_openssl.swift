#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL
internal import COpenSSLShims
import Synchronization

/// SHA-256 (FIPS 180-4) and HMAC-SHA-256, on libcrypto.
public enum SHA256: HashFunction {
    /// 32.
    public static let digestByteCount = 32
    /// 64.
    public static let blockByteCount = 64
    static let algorithm = EVPDigest(name: "SHA256")

    /// The digest of the concatenation of `parts`.
    public static func hash(parts: [any ContiguousBytes]) -> [UInt8] { algorithm.hash(parts) }

    /// HMAC-SHA-256 under `key` (any length) of the concatenation of `parts`.
    public static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes {
        prepareAuthenticationKey(key).authenticationCode(parts: parts)
    }

    /// The keyed HMAC-SHA-256 state for `key`.
    public static func prepareAuthenticationKey(_ key: some ContiguousBytes) -> PreparedAuthenticationKey<SHA256> {
        PreparedAuthenticationKey(context: algorithm.keyedContext(key))
    }

    /// The keyed HMAC-SHA-256 state of the empty key (HKDF's default salt).
    public static let preparedEmptyKey = prepareAuthenticationKey([UInt8]())

    /// HMAC-SHA-256 of the concatenation of `parts` under a prepared key.
    public static func authenticationCode(prepared: PreparedAuthenticationKey<SHA256>, parts: [any ContiguousBytes]) -> SecureBytes {
        prepared.context.authenticate(parts, outputByteCount: digestByteCount)
    }
}

/// SHA-512 (FIPS 180-4) and HMAC-SHA-512, on libcrypto.
public enum SHA512: HashFunction {
    /// 64.
    public static let digestByteCount = 64
    /// 128.
    public static let blockByteCount = 128
    static let algorithm = EVPDigest(name: "SHA512")

    /// The digest of the concatenation of `parts`.
    public static func hash(parts: [any ContiguousBytes]) -> [UInt8] { algorithm.hash(parts) }

    /// The digest of the concatenation of `parts`, written into secure storage (for hashes of secrets).
    static func secureHash(parts: [any ContiguousBytes]) -> SecureBytes { algorithm.secureHash(parts) }

    /// HMAC-SHA-512 under `key` (any length) of the concatenation of `parts`.
    public static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes {
        prepareAuthenticationKey(key).authenticationCode(parts: parts)
    }

    /// The keyed HMAC-SHA-512 state for `key`.
    public static func prepareAuthenticationKey(_ key: some ContiguousBytes) -> PreparedAuthenticationKey<SHA512> {
        PreparedAuthenticationKey(context: algorithm.keyedContext(key))
    }

    /// The keyed HMAC-SHA-512 state of the empty key (HKDF's default salt).
    public static let preparedEmptyKey = prepareAuthenticationKey([UInt8]())

    /// HMAC-SHA-512 of the concatenation of `parts` under a prepared key.
    public static func authenticationCode(prepared: PreparedAuthenticationKey<SHA512>, parts: [any ContiguousBytes]) -> SecureBytes {
        prepared.context.authenticate(parts, outputByteCount: digestByteCount)
    }
}

/// SHA-384 (FIPS 180-4) and HMAC-SHA-384, on libcrypto (for HKDF-SHA384 in the AWS Encryption SDK's legacy suites).
public enum SHA384: HashFunction {
    /// 48.
    public static let digestByteCount = 48
    /// 128.
    public static let blockByteCount = 128
    static let algorithm = EVPDigest(name: "SHA384")

    /// The digest of the concatenation of `parts`.
    public static func hash(parts: [any ContiguousBytes]) -> [UInt8] { algorithm.hash(parts) }

    /// HMAC-SHA-384 under `key` (any length) of the concatenation of `parts`.
    public static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes {
        prepareAuthenticationKey(key).authenticationCode(parts: parts)
    }

    /// The keyed HMAC-SHA-384 state for `key`.
    public static func prepareAuthenticationKey(_ key: some ContiguousBytes) -> PreparedAuthenticationKey<SHA384> {
        PreparedAuthenticationKey(context: algorithm.keyedContext(key))
    }

    /// The keyed HMAC-SHA-384 state of the empty key (HKDF's default salt).
    public static let preparedEmptyKey = prepareAuthenticationKey([UInt8]())

    /// HMAC-SHA-384 of the concatenation of `parts` under a prepared key.
    public static func authenticationCode(prepared: PreparedAuthenticationKey<SHA384>, parts: [any ContiguousBytes]) -> SecureBytes {
        prepared.context.authenticate(parts, outputByteCount: digestByteCount)
    }
}

/// A digest fetched from libcrypto once, with a keyless HMAC context to copy keyed contexts from. Both are
/// immutable after creation, and libcrypto allows concurrent reads of them.
///
/// The preconditions here cannot be reached from input: they fail only if libcrypto's default provider lacks
/// SHA-2 or HMAC, or cannot allocate, which leaves nothing safe to do.
final class EVPDigest: @unchecked Sendable {
    let digest: OpaquePointer
    private let hmacTemplate: OpaquePointer

    init(name: String) {
        guard let digest = EVP_MD_fetch(nil, name, nil), let template = chatsec_hmac_template(name) else {
            preconditionFailure("libcrypto provides no \(name) or HMAC")
        }
        self.digest = digest
        hmacTemplate = template
    }

    func hash(_ parts: [any ContiguousBytes]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MD_get_size(digest)))
        output.withUnsafeMutableBytes { digestInto($0, parts) }
        return output
    }

    func secureHash(_ parts: [any ContiguousBytes]) -> SecureBytes {
        let size = Int(EVP_MD_get_size(digest))
        return SecureBytes(unsafeUninitializedCapacity: size) { buffer, initialized in
            digestInto(buffer, parts)
            initialized = size
        }
    }

    private func digestInto(_ output: UnsafeMutableRawBufferPointer, _ parts: [any ContiguousBytes]) {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
        defer { EVP_MD_CTX_free(context) } // cleanses the state
        var ok = EVP_DigestInit_ex2(context, digest, nil) == 1
        for part in parts {
            part.withUnsafeBytes { bytes in ok = ok && EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 }
        }
        var length: UInt32 = 0
        ok = ok && EVP_DigestFinal_ex(context, output.bytes, &length) == 1
        precondition(ok && Int(length) == output.count, "libcrypto digest failed")
    }

    func keyedContext(_ key: some ContiguousBytes) -> HMACContext {
        let context = key.withUnsafeBytes { bytes in
            chatsec_hmac_keyed(hmacTemplate, bytes.count > 0 ? bytes.bytes : nil, bytes.count)
        }
        guard let context else { preconditionFailure("libcrypto could not key an HMAC context") }
        return HMACContext(takingOwnershipOf: context)
    }
}

/// A keyed, owned HMAC context. Each use restarts it under the same key; uses are serialized by `fresh`'s lock.
final class HMACContext: @unchecked Sendable {
    // Safety: `pointer` is only used while `fresh` is locked (or in deinit, when no other reference exists).
    private let pointer: OpaquePointer
    /// Whether the context is freshly keyed (ready without a restart).
    private let fresh = Mutex(true)

    init(takingOwnershipOf pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_MAC_CTX_free(pointer) // cleanses the keyed state
    }

    func authenticate(_ parts: [any ContiguousBytes], outputByteCount: Int) -> SecureBytes {
        fresh.withLock { fresh in
            // A freshly keyed context is ready; a used one is restarted under its key.
            var ok = fresh || chatsec_hmac_restart(pointer) == 1
            fresh = false
            for part in parts {
                part.withUnsafeBytes { bytes in ok = ok && EVP_MAC_update(pointer, bytes.bytes, bytes.count) == 1 }
            }
            return SecureBytes(unsafeUninitializedCapacity: outputByteCount) { buffer, initialized in
                var length = 0
                ok = ok && EVP_MAC_final(pointer, buffer.bytes, &length, buffer.count) == 1
                precondition(ok && length == outputByteCount, "libcrypto HMAC failed")
                initialized = outputByteCount
            }
        }
    }
}
