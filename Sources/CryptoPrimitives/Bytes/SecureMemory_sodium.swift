#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

internal import CSodium

/// Wiping and constant-time comparison, on libsodium.
public enum SecureMemory {
    /// Overwrites `buffer` with zeros in a way the compiler cannot elide (`sodium_memzero`).
    public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }

    /// Compares two buffers in time that depends only on their length (`sodium_memcmp`). Buffers of different
    /// lengths are unequal; lengths are treated as public.
    public static func constantTimeEquals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0, let l = lhs.baseAddress, let r = rhs.baseAddress else { return true }
        return sodium_memcmp(l, r, lhs.count) == 0
    }

    /// Compares two byte collections in constant time for equal lengths.
    public static func constantTimeEquals(_ lhs: some ContiguousBytes, _ rhs: some ContiguousBytes) -> Bool {
        lhs.withUnsafeBytes { l in rhs.withUnsafeBytes { r in constantTimeEquals(l, r) } }
    }
}
