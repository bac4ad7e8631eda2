internal import COpenSSL

/// Conversion of a Curve25519 Montgomery u-coordinate to the Edwards25519 y-coordinate, with libcrypto's
/// big numbers (libsodium has no public field arithmetic). Only public values pass through here, so the
/// variable-time arithmetic is acceptable.
enum Montgomery {
    /// p = 2^255 − 19, big-endian.
    private static let primeBigEndian: [UInt8] = [0x7f] + [UInt8](repeating: 0xff, count: 30) + [0xed]

    /// `y = (u − 1)/(u + 1) mod p` as 32 little-endian bytes with the sign bit clear, or `nil` when `u` is not
    /// canonical (`u ≥ p`, including any value with bit 255 set) or `u = p − 1` (no Edwards point).
    static func edwardsY(fromU u: [UInt8]) -> [UInt8]? {
        guard u.count == 32 else { return nil }
        guard let context = BN_CTX_new() else { OpenSSL.clearErrors(); return nil }
        defer { BN_CTX_free(context) }
        BN_CTX_start(context)
        defer { BN_CTX_end(context) }
        guard let p = BN_CTX_get(context), let uNumber = BN_CTX_get(context), let one = BN_CTX_get(context),
              let numerator = BN_CTX_get(context), let denominator = BN_CTX_get(context),
              let inverse = BN_CTX_get(context), let y = BN_CTX_get(context)
        else { OpenSSL.clearErrors(); return nil }
        guard BN_bin2bn(primeBigEndian, Int32(primeBigEndian.count), p) != nil,
              BN_lebin2bn(u, 32, uNumber) != nil,
              BN_set_word(one, 1) == 1
        else { OpenSSL.clearErrors(); return nil }
        guard BN_cmp(uNumber, p) < 0 else { return nil }
        guard BN_mod_sub(numerator, uNumber, one, p, context) == 1,
              BN_mod_add(denominator, uNumber, one, p, context) == 1
        else { OpenSSL.clearErrors(); return nil }
        guard BN_is_zero(denominator) == 0 else { return nil }
        guard BN_mod_inverse(inverse, denominator, p, context) != nil,
              BN_mod_mul(y, numerator, inverse, p, context) == 1
        else { OpenSSL.clearErrors(); return nil }
        var out = [UInt8](repeating: 0, count: 32)
        guard BN_bn2lebinpad(y, &out, 32) == 32 else { OpenSSL.clearErrors(); return nil }
        return out
    }
}
