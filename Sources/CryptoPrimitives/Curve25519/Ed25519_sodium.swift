#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import CSodium

extension Ed25519 {
    static func expand(seed: SecureBytes) throws -> (SecureBytes, PublicKey) {
        _ = SodiumRuntime.ready
        var publicKey = [UInt8](repeating: 0, count: keyByteCount)
        var rc: Int32 = -1
        let expanded = SecureBytes(unsafeUninitializedCapacity: Int(crypto_sign_SECRETKEYBYTES)) { buffer, initialized in
            rc = seed.withUnsafeBytes { s in
                crypto_sign_seed_keypair(&publicKey, buffer.bytes, s.bytes)
            }
            initialized = Int(crypto_sign_SECRETKEYBYTES)
        }
        guard rc == 0 else { throw CryptoError(.libraryFailure, "Ed25519 key expansion failed") }
        return (expanded, PublicKey(validatedRaw: publicKey))
    }

    static func sign(_ message: some ContiguousBytes, expanded: SecureBytes) throws -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: signatureByteCount)
        let rc = message.withUnsafeBytes { m in
            expanded.withUnsafeBytes { sk in
                crypto_sign_detached(
                    &signature, nil,
                    m.bytes, UInt64(m.count),
                    sk.bytes
                )
            }
        }
        guard rc == 0 else { throw CryptoError(.libraryFailure, "Ed25519 signing failed") }
        return signature
    }

    static func verify(_ signature: some ContiguousBytes, message: some ContiguousBytes, publicKey: [UInt8]) -> Bool {
        _ = SodiumRuntime.ready
        guard publicKey.count == keyByteCount else { return false }
        return signature.withUnsafeBytes { sig in
            guard sig.count == signatureByteCount else { return false }
            return message.withUnsafeBytes { m in
                crypto_sign_verify_detached(
                    sig.bytes,
                    m.bytes, UInt64(m.count),
                    publicKey
                ) == 0
            }
        }
    }
}
