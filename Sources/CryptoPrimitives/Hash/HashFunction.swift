#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A hash function usable for hashing, HMAC (RFC 2104) and HKDF (RFC 5869).
///
/// Conformers: ``SHA256`` and ``SHA512`` (libcrypto, which uses the CPU's SHA extensions where present: about five
/// times libsodium 1.0.18's portable SHA-256 on the reference machine). HMAC outputs are returned as ``SecureBytes`` because in
/// key schedules (HKDF, the Signal chain) they are keys; a caller that only needs a public tag copies it out.
public protocol HashFunction: Sendable {
    /// The digest length in bytes.
    static var digestByteCount: Int { get }
    /// The internal block length in bytes.
    static var blockByteCount: Int { get }
    /// The digest of the concatenation of `parts`.
    static func hash(parts: [any ContiguousBytes]) -> [UInt8]
    /// HMAC under `key` of the concatenation of `parts` (avoids copying inputs that are concatenated only for
    /// authentication, such as Signal's identity keys and message bytes).
    static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes
    /// HMAC's keyed state for `key` (the inner and outer hashes after the padded key), to compute several MACs
    /// under one key without hashing the key again each time.
    static func prepareAuthenticationKey(_ key: some ContiguousBytes) -> PreparedAuthenticationKey<Self>
    /// The keyed HMAC state of the empty key, which is also RFC 5869's default salt (`HashLen` zero bytes), prepared
    /// once per process.
    static var preparedEmptyKey: PreparedAuthenticationKey<Self> { get }
    /// HMAC of the concatenation of `parts` under a prepared key. Equal to
    /// `authenticationCode(key:parts:)` with the key it was prepared from.
    static func authenticationCode(prepared: PreparedAuthenticationKey<Self>, parts: [any ContiguousBytes]) -> SecureBytes
}

/// An HMAC key after its padded blocks were hashed: a keyed libcrypto HMAC context, equivalent to the key. It is
/// owned by this value and cleansed and freed (`EVP_MAC_CTX_free`) when the last copy goes away, like the RSA and
/// EC keys that also live in libcrypto's memory. Made by ``HashFunction/prepareAuthenticationKey(_:)``; safe to
/// share between threads (uses are serialized).
public struct PreparedAuthenticationKey<Hash: HashFunction>: Sendable {
    let context: HMACContext

    init(context: HMACContext) { self.context = context }

    /// HMAC of the concatenation of `parts` under this key.
    public func authenticationCode(parts: [any ContiguousBytes]) -> SecureBytes {
        Hash.authenticationCode(prepared: self, parts: parts)
    }

    /// HMAC of `message` under this key.
    public func authenticationCode(message: some ContiguousBytes) -> SecureBytes {
        Hash.authenticationCode(prepared: self, parts: [message])
    }
}

extension HashFunction {
    /// The digest of `data`.
    public static func hash(_ data: some ContiguousBytes) -> [UInt8] {
        hash(parts: [data])
    }

    /// HMAC of `message` under `key`.
    public static func authenticationCode(key: some ContiguousBytes, message: some ContiguousBytes) -> SecureBytes {
        authenticationCode(key: key, parts: [message])
    }

    /// Verifies an HMAC tag, possibly truncated to its first `tag.count` bytes (at least 4), in constant time.
    public static func isValidAuthenticationCode(
        _ tag: some ContiguousBytes,
        key: some ContiguousBytes,
        parts: [any ContiguousBytes]
    ) -> Bool {
        let full = authenticationCode(key: key, parts: parts)
        return tag.withUnsafeBytes { tagBytes in
            guard tagBytes.count >= 4, tagBytes.count <= full.count else { return false }
            return full.withUnsafeBytes { fullBytes in
                SecureMemory.constantTimeEquals(UnsafeRawBufferPointer(rebasing: fullBytes[0..<tagBytes.count]), tagBytes)
            }
        }
    }
}
