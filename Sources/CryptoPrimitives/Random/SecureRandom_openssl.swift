internal import COpenSSL

extension SecureRandom {
    /// `count` random bytes for public values (nonces, identifiers, salts).
    public static func bytes(count: Int) throws -> [UInt8] {
        guard count >= 0 else { throw CryptoError(.invalidParameter, "negative random byte count") }
        guard count <= Int(Int32.max) else { throw CryptoError(.invalidParameter, "too many random bytes requested") }
        var result = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return result }
        let status = result.withUnsafeMutableBytes { buffer in
            RAND_bytes(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(count))
        }
        guard status == 1 else { throw CryptoError(.randomFailure, "the random generator failed") }
        return result
    }
}
