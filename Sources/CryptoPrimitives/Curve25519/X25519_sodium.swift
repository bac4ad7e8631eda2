internal import CSodium

extension X25519 {
    static func basePointMultiply(_ scalar: SecureBytes) -> PublicKey {
        _ = SodiumRuntime.ready
        var output = [UInt8](repeating: 0, count: keyByteCount)
        let rc = scalar.withUnsafeBytes { s in
            crypto_scalarmult_curve25519_base(&output, s.bytes)
        }
        // Fails only for a scalar that is zero after clamping, which clamping (bit 254 set) rules out.
        precondition(rc == 0, "X25519 base point multiplication failed for a clamped scalar")
        return PublicKey(validatedRaw: output)
    }

    static func multiply(_ scalar: SecureBytes, _ point: PublicKey) throws -> SecureBytes {
        _ = SodiumRuntime.ready
        var rc: Int32 = 0
        let shared = SecureBytes(unsafeUninitializedCapacity: keyByteCount) { buffer, initialized in
            rc = scalar.withUnsafeBytes { s in
                point.rawRepresentation.withUnsafeBytes { p in
                    crypto_scalarmult_curve25519(
                        buffer.bytes,
                        s.bytes,
                        p.bytes
                    )
                }
            }
            initialized = keyByteCount
        }
        guard rc == 0 else { throw CryptoError(.lowOrderPoint, "X25519 produced the all-zero shared secret") }
        return shared
    }
}
