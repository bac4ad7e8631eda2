#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A hash function usable for hashing, HMAC (RFC 2104) and HKDF (RFC 5869).
///
/// Conformers: ``SHA256`` and ``SHA512`` (libsodium). HMAC outputs are returned as ``SecureBytes`` because in
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
