#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// XEdDSA signatures with Curve25519 (X25519) keys, exactly as libsignal makes and checks them.
///
/// ## Signing (libsignal's `calculate_signature`)
/// With `k` the clamped private scalar and `a = k mod L`: `A = a·B` (its Edwards sign bit is *not* forced to
/// zero), `r = SHA-512(0xFE || 0xFF×31 || k || M || Z) mod L` for 64 random bytes `Z`, `R = r·B`,
/// `h = SHA-512(R || A || M) mod L`, `s = h·a + r mod L`. The signature is `R || s` with the sign bit of `A`
/// stored in bit 7 of byte 63.
///
/// ## Verification (libsignal's `verify_signature`)
/// The Edwards `y = (u − 1)/(u + 1) mod p` is rebuilt from the Montgomery `u` with the sign bit taken from
/// byte 63; `s` has that bit cleared and is rejected if any of its top three bits remain set; then ordinary
/// Ed25519 verification runs (libsodium). Signatures made with the specification's variant (sign bit 0, scalar
/// negated when needed) verify too.
///
/// Stricter than libsignal, and documented: a non-canonical `u` (`u ≥ 2^255 − 19`, as libsignal-protocol-c
/// also rejects), a non-canonical `s` (`s ≥ L`) and small-order points are rejected.
public enum XEdDSA {
    /// Length of a signature.
    public static let signatureByteCount = 64

    /// How the signer treats the sign bit of `A`.
    public enum Variant: Sendable {
        /// libsignal: the sign bit travels in bit 7 of signature byte 63. The default, and what Signal clients
        /// expect.
        case libsignal
        /// The XEdDSA specification (libsignal-protocol-c's `xed25519_sign`): the scalar is negated when `A`
        /// would have sign 1, so bit 7 of byte 63 is always 0.
        case specification
    }

    /// Signs `message` with a Curve25519 private key.
    ///
    /// - Parameter random: the 64 bytes `Z`; fresh random bytes unless a test supplies them.
    public static func signature(
        for message: some ContiguousBytes,
        privateKey: X25519.PrivateKey,
        random: SecureBytes? = nil,
        variant: Variant = .libsignal
    ) throws -> [UInt8] {
        let z = try random ?? SecureRandom.secureBytes(count: 64)
        guard z.count == 64 else { throw CryptoError(.invalidParameter, "XEdDSA random input must be 64 bytes") }
        return try sign(message, key: privateKey.rawRepresentation, random: z, variant: variant)
    }

    /// Whether `signature` is a valid libsignal/XEdDSA signature of `message` by `publicKey`.
    public static func isValidSignature(
        _ signature: some ContiguousBytes,
        for message: some ContiguousBytes,
        publicKey: X25519.PublicKey
    ) -> Bool {
        let sig = signature.withUnsafeBytes { Array($0) }
        guard sig.count == signatureByteCount else { return false }
        let signBit = sig[63] & 0x80
        var s = Array(sig[32..<64])
        s[31] &= 0x7f
        guard s[31] & 0xe0 == 0 else { return false }
        guard var edwardsPublic = Montgomery.edwardsY(fromU: publicKey.rawRepresentation) else { return false }
        edwardsPublic[31] |= signBit
        let candidate = Array(sig[0..<32]) + s
        return Ed25519.verify(candidate, message: message, publicKey: edwardsPublic)
    }
}

extension X25519.PrivateKey {
    /// An XEdDSA signature (libsignal variant) of `message`.
    public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
        try XEdDSA.signature(for: message, privateKey: self)
    }
}

extension X25519.PublicKey {
    /// Whether `signature` is a valid XEdDSA signature of `message` under this key.
    public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
        XEdDSA.isValidSignature(signature, for: message, publicKey: self)
    }
}
