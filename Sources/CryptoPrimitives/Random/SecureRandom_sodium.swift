internal import CSodium

/// The cryptographically secure random number generators.
///
/// - Secrets (``secureBytes(count:)``, ``uniform(below:)``): libsodium's `randombytes_buf`, which reads the
///   operating system's CSPRNG (`getrandom(2)` on Linux) on every call.
/// - Public values (``bytes(count:)``: nonces, identifiers, salts): OpenSSL's public DRBG (NIST SP 800-90A
///   CTR_DRBG with AES-256, one instance per thread, seeded and periodically reseeded from the kernel, reseeded
///   after `fork`). It avoids a system call per nonce on the request path; unpredictability is the same
///   requirement and the same strength for a nonce.
public enum SecureRandom {
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
