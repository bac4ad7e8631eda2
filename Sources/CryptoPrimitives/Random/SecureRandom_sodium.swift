internal import CSodium

/// The cryptographically secure random number generator (libsodium's `randombytes_buf`, which reads the
/// operating system's CSPRNG: `getrandom(2)` on Linux).
public enum SecureRandom {
    /// `count` random bytes for public values (nonces, identifiers, salts).
    public static func bytes(count: Int) throws -> [UInt8] {
        guard count >= 0 else { throw CryptoError(.invalidParameter, "negative random byte count") }
        guard SodiumRuntime.ready else { throw CryptoError(.randomFailure, "libsodium could not be initialized") }
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress, count > 0 { randombytes_buf(base, count) }
        }
        return result
    }

    /// `count` random bytes held in secure storage, for keys and other secrets.
    public static func secureBytes(count: Int) throws -> SecureBytes {
        guard count >= 0 else { throw CryptoError(.invalidParameter, "negative random byte count") }
        guard SodiumRuntime.ready else { throw CryptoError(.randomFailure, "libsodium could not be initialized") }
        return SecureBytes(unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress, count > 0 { randombytes_buf(base, count) }
            initialized = count
        }
    }

    /// A uniformly distributed integer in `0..<upperBound` (no modulo bias).
    public static func uniform(below upperBound: UInt32) throws -> UInt32 {
        guard upperBound > 0 else { throw CryptoError(.invalidParameter, "upper bound must be positive") }
        guard SodiumRuntime.ready else { throw CryptoError(.randomFailure, "libsodium could not be initialized") }
        return randombytes_uniform(upperBound)
    }
}
