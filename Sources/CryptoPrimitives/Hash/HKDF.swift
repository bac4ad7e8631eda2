#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// HKDF (RFC 5869) over any ``HashFunction``, built on its HMAC.
///
/// Debian 12's libsodium (1.0.18) has no HKDF, and its HMAC is all HKDF needs. Pass an empty salt for
/// "no salt" (equivalent to `HashLen` zero bytes, Signal's "32 zero bytes").
public enum HKDF<Hash: HashFunction> {
    /// The largest output: 255 blocks.
    public static var maximumOutputByteCount: Int { 255 * Hash.digestByteCount }

    /// HKDF-Extract: the pseudorandom key `HMAC(salt, ikm)`.
    ///
    /// An empty salt is the RFC's "not provided": HMAC pads its key with zeros to the block length, so an empty
    /// key and `HashLen` zero bytes give the same result.
    public static func extract(inputKeyMaterial: some ContiguousBytes, salt: some ContiguousBytes) -> SecureBytes {
        if salt.withUnsafeBytes({ $0.isEmpty }) {
            return Hash.preparedEmptyKey.authenticationCode(message: inputKeyMaterial)
        }
        return Hash.authenticationCode(key: salt, message: inputKeyMaterial)
    }

    /// HKDF-Expand: `outputByteCount` bytes from a pseudorandom key.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` when `outputByteCount` is negative or above
    ///   ``maximumOutputByteCount``, or the pseudorandom key is shorter than the digest.
    public static func expand(
        pseudoRandomKey: SecureBytes,
        info: some ContiguousBytes,
        outputByteCount: Int
    ) throws -> SecureBytes {
        guard outputByteCount >= 0, outputByteCount <= maximumOutputByteCount else {
            throw CryptoError(.invalidParameter, "HKDF output length out of range")
        }
        guard pseudoRandomKey.count >= Hash.digestByteCount else {
            throw CryptoError(.invalidParameter, "HKDF pseudorandom key shorter than the digest")
        }
        // The PRK keys every block: hash its padded key once.
        let prepared = Hash.prepareAuthenticationKey(pseudoRandomKey)
        var output = SecureBytes(zeros: 0)
        output.reserveCapacity(outputByteCount)
        var previous = SecureBytes(zeros: 0)
        var counter: UInt8 = 1
        while output.count < outputByteCount {
            let block = prepared.authenticationCode(parts: [previous, info, [counter]])
            let needed = Swift.min(block.count, outputByteCount - output.count)
            output.append(contentsOf: needed == block.count ? block : block.prefix(needed))
            previous = block
            counter &+= 1
        }
        return output
    }

    /// Extract then expand.
    public static func deriveKey(
        inputKeyMaterial: some ContiguousBytes,
        salt: some ContiguousBytes,
        info: some ContiguousBytes,
        outputByteCount: Int
    ) throws -> SecureBytes {
        guard outputByteCount >= 0, outputByteCount <= maximumOutputByteCount else {
            throw CryptoError(.invalidParameter, "HKDF output length out of range")
        }
        let prk = extract(inputKeyMaterial: inputKeyMaterial, salt: salt)
        return try expand(pseudoRandomKey: prk, info: info, outputByteCount: outputByteCount)
    }
}
