#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import CSodium

// libsodium's hash and HMAC functions return 0 unconditionally (the int return exists for API uniformity);
// the return codes are asserted in debug builds. Every state is wiped after use, since callers hash secrets.

/// SHA-256 (FIPS 180-4) and HMAC-SHA-256, on libsodium.
public enum SHA256: HashFunction {
    /// 32.
    public static let digestByteCount = 32
    /// 64.
    public static let blockByteCount = 64

    /// The digest of the concatenation of `parts`.
    public static func hash(parts: [any ContiguousBytes]) -> [UInt8] {
        _ = SodiumRuntime.ready
        var state = crypto_hash_sha256_state()
        defer { withUnsafeMutableBytes(of: &state) { SecureMemory.zero($0) } }
        let started = crypto_hash_sha256_init(&state)
        assert(started == 0)
        for part in parts {
            part.withUnsafeBytes { bytes in
                let rc = crypto_hash_sha256_update(&state, bytes.bytes, UInt64(bytes.count))
                assert(rc == 0)
            }
        }
        var digest = [UInt8](repeating: 0, count: digestByteCount)
        let rc = crypto_hash_sha256_final(&state, &digest)
        assert(rc == 0)
        return digest
    }

    /// HMAC-SHA-256 under `key` (any length) of the concatenation of `parts`.
    public static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes {
        _ = SodiumRuntime.ready
        var state = crypto_auth_hmacsha256_state()
        defer { withUnsafeMutableBytes(of: &state) { SecureMemory.zero($0) } }
        key.withUnsafeBytes { keyBytes in
            let rc = crypto_auth_hmacsha256_init(&state, keyBytes.bytes, keyBytes.count)
            assert(rc == 0)
        }
        for part in parts {
            part.withUnsafeBytes { bytes in
                let rc = crypto_auth_hmacsha256_update(&state, bytes.bytes, UInt64(bytes.count))
                assert(rc == 0)
            }
        }
        return SecureBytes(unsafeUninitializedCapacity: digestByteCount) { buffer, initialized in
            let rc = crypto_auth_hmacsha256_final(&state, buffer.bytes)
            assert(rc == 0)
            initialized = digestByteCount
        }
    }
}

/// SHA-512 (FIPS 180-4) and HMAC-SHA-512, on libsodium.
public enum SHA512: HashFunction {
    /// 64.
    public static let digestByteCount = 64
    /// 128.
    public static let blockByteCount = 128

    /// The digest of the concatenation of `parts`.
    public static func hash(parts: [any ContiguousBytes]) -> [UInt8] {
        _ = SodiumRuntime.ready
        var state = crypto_hash_sha512_state()
        defer { withUnsafeMutableBytes(of: &state) { SecureMemory.zero($0) } }
        let started = crypto_hash_sha512_init(&state)
        assert(started == 0)
        for part in parts {
            part.withUnsafeBytes { bytes in
                let rc = crypto_hash_sha512_update(&state, bytes.bytes, UInt64(bytes.count))
                assert(rc == 0)
            }
        }
        var digest = [UInt8](repeating: 0, count: digestByteCount)
        let rc = crypto_hash_sha512_final(&state, &digest)
        assert(rc == 0)
        return digest
    }

    /// The digest of the concatenation of `parts`, written into secure storage (for hashes of secrets).
    static func secureHash(parts: [any ContiguousBytes]) -> SecureBytes {
        _ = SodiumRuntime.ready
        var state = crypto_hash_sha512_state()
        defer { withUnsafeMutableBytes(of: &state) { SecureMemory.zero($0) } }
        let started = crypto_hash_sha512_init(&state)
        assert(started == 0)
        for part in parts {
            part.withUnsafeBytes { bytes in
                let rc = crypto_hash_sha512_update(&state, bytes.bytes, UInt64(bytes.count))
                assert(rc == 0)
            }
        }
        return SecureBytes(unsafeUninitializedCapacity: digestByteCount) { buffer, initialized in
            let rc = crypto_hash_sha512_final(&state, buffer.bytes)
            assert(rc == 0)
            initialized = digestByteCount
        }
    }

    /// HMAC-SHA-512 under `key` (any length) of the concatenation of `parts`.
    public static func authenticationCode(key: some ContiguousBytes, parts: [any ContiguousBytes]) -> SecureBytes {
        _ = SodiumRuntime.ready
        var state = crypto_auth_hmacsha512_state()
        defer { withUnsafeMutableBytes(of: &state) { SecureMemory.zero($0) } }
        key.withUnsafeBytes { keyBytes in
            let rc = crypto_auth_hmacsha512_init(&state, keyBytes.bytes, keyBytes.count)
            assert(rc == 0)
        }
        for part in parts {
            part.withUnsafeBytes { bytes in
                let rc = crypto_auth_hmacsha512_update(&state, bytes.bytes, UInt64(bytes.count))
                assert(rc == 0)
            }
        }
        return SecureBytes(unsafeUninitializedCapacity: digestByteCount) { buffer, initialized in
            let rc = crypto_auth_hmacsha512_final(&state, buffer.bytes)
            assert(rc == 0)
            initialized = digestByteCount
        }
    }
}
