#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import CSodium

extension XEdDSA {
    private static let noncePrefix: [UInt8] = [0xfe] + [UInt8](repeating: 0xff, count: 31)

    static func sign(
        _ message: some ContiguousBytes,
        key k: SecureBytes,
        random z: SecureBytes,
        variant: Variant
    ) throws -> [UInt8] {
        _ = SodiumRuntime.ready
        // a = k mod L, A = a·B.
        var a = reduce(wide: k)
        var bigA = try baseMultiply(a)
        var signBit = bigA[31] & 0x80
        // The bytes hashed into the nonce: k itself (libsignal), or the negated scalar (specification).
        var nonceKey = k
        if variant == .specification && signBit != 0 {
            a = negate(a)
            bigA = try baseMultiply(a)
            nonceKey = a
            signBit = 0
        }
        // r = SHA-512(prefix || key bytes || M || Z) mod L; R = r·B.
        let nonceHash = SHA512.secureHash(parts: [noncePrefix, nonceKey, message, z])
        let r = reduce(wide: nonceHash)
        let bigR = try baseMultiply(r)
        // h = SHA-512(R || A || M) mod L; s = h·a + r.
        let h = reduce(wide: SecureBytes(copying: SHA512.hash(parts: [bigR, bigA, message])))
        let s = multiplyAdd(h, a, r)
        var signature = bigR + s.unprotectedCopy()
        signature[63] = (signature[63] & 0x7f) | signBit
        return signature
    }

    /// A 32- or 64-byte little-endian number reduced modulo L.
    private static func reduce(wide input: SecureBytes) -> SecureBytes {
        var wide = SecureBytes(zeros: 64)
        wide.withUnsafeMutableBytes { w in
            input.withUnsafeBytes { i in
                if let source = i.baseAddress { w.baseAddress?.copyMemory(from: source, byteCount: Swift.min(i.count, 64)) }
            }
        }
        return SecureBytes(unsafeUninitializedCapacity: 32) { out, initialized in
            wide.withUnsafeBytes { w in
                crypto_core_ed25519_scalar_reduce(out.bytes, w.bytes)
            }
            initialized = 32
        }
    }

    private static func negate(_ scalar: SecureBytes) -> SecureBytes {
        SecureBytes(unsafeUninitializedCapacity: 32) { out, initialized in
            scalar.withUnsafeBytes { s in
                crypto_core_ed25519_scalar_negate(out.bytes, s.bytes)
            }
            initialized = 32
        }
    }

    /// `x·y + z mod L`.
    private static func multiplyAdd(_ x: SecureBytes, _ y: SecureBytes, _ z: SecureBytes) -> SecureBytes {
        let product = SecureBytes(unsafeUninitializedCapacity: 32) { out, initialized in
            x.withUnsafeBytes { xb in
                y.withUnsafeBytes { yb in
                    crypto_core_ed25519_scalar_mul(
                        out.bytes,
                        xb.bytes,
                        yb.bytes
                    )
                }
            }
            initialized = 32
        }
        return SecureBytes(unsafeUninitializedCapacity: 32) { out, initialized in
            product.withUnsafeBytes { pb in
                z.withUnsafeBytes { zb in
                    crypto_core_ed25519_scalar_add(
                        out.bytes,
                        pb.bytes,
                        zb.bytes
                    )
                }
            }
            initialized = 32
        }
    }

    /// `scalar·B` on Ed25519, without clamping. Fails only for a zero scalar (probability 2^-252 for a nonce).
    private static func baseMultiply(_ scalar: SecureBytes) throws -> [UInt8] {
        var point = [UInt8](repeating: 0, count: 32)
        let rc = scalar.withUnsafeBytes { s in
            crypto_scalarmult_ed25519_base_noclamp(&point, s.bytes)
        }
        guard rc == 0 else { throw CryptoError(.libraryFailure, "Ed25519 base point multiplication failed") }
        return point
    }
}
