// The cost of each cryptographic primitive, the baseline that later benchmarks (Signal, envelope, key
// service) are reported against as ratios. Throughput is per operation; for the ciphers and MACs, each
// operation processes one message of the stated size.

import Benchmark
import CryptoPrimitives

let sizes: [(label: String, bytes: Int)] = [("64 B", 64), ("1 KiB", 1024), ("1 MiB", 1 << 20)]

/// Repetition settings: small inputs run many times, 1 MiB fewer.
func configuration(for bytes: Int) -> Benchmark.Configuration {
    .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: bytes >= 1 << 20 ? .one : .kilo,
        maxDuration: .seconds(2),
        maxIterations: bytes >= 1 << 20 ? 200 : 100_000
    )
}

/// Settings for fixed-size operations (key agreement, signatures, key derivation).
var keyConfiguration: Benchmark.Configuration {
    .init(metrics: [.throughput, .wallClock, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2))
}

let benchmarks: @Sendable () -> Void = {
    // MARK: Curve25519
    let alice = try! X25519.PrivateKey()
    let bob = try! X25519.PrivateKey().publicKey
    Benchmark("X25519 agreement", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try alice.sharedSecret(with: bob)) }
    }
    Benchmark("X25519 key generation", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try X25519.PrivateKey().publicKey) }
    }
    let message33 = try! SecureRandom.bytes(count: 33)
    let xeddsaSignature = try! alice.signature(for: message33)
    let alicePublic = alice.publicKey
    Benchmark("XEdDSA sign (33 B)", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try alice.signature(for: message33)) }
    }
    Benchmark("XEdDSA verify (33 B)", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(alicePublic.isValidSignature(xeddsaSignature, for: message33)) }
    }
    let edKey = try! Ed25519.PrivateKey()
    let edSignature = try! edKey.signature(for: message33)
    Benchmark("Ed25519 sign (33 B)", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try edKey.signature(for: message33)) }
    }
    Benchmark("Ed25519 verify (33 B)", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(edKey.publicKey.isValidSignature(edSignature, for: message33)) }
    }

    // MARK: MAC and KDF
    let macKey = try! SecretKey.generate(byteCount: 32)
    let salt = [UInt8](repeating: 0, count: 32)
    Benchmark("HKDF-SHA256 (32 B in, 80 B out)", configuration: keyConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try HKDF<SHA256>.deriveKey(inputKeyMaterial: macKey, salt: salt, info: Array("WhisperMessageKeys".utf8), outputByteCount: 80))
        }
    }

    // MARK: Per-size primitives
    let aesKey = try! SecretKey.generate(byteCount: 32)
    let iv = try! SecureRandom.bytes(count: 16)
    let nonce = try! SecureRandom.bytes(count: 12)
    for (label, bytes) in sizes {
        let message = try! SecureRandom.bytes(count: bytes)
        let config = configuration(for: bytes)
        Benchmark("HMAC-SHA256 (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(SHA256.authenticationCode(key: macKey, message: message)) }
        }
        Benchmark("HMAC-SHA512 (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(SHA512.authenticationCode(key: macKey, message: message)) }
        }
        let cbc = try! AES.CBC.encrypt(message, key: aesKey, iv: iv)
        Benchmark("AES-256-CBC encrypt (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try AES.CBC.encrypt(message, key: aesKey, iv: iv)) }
        }
        Benchmark("AES-256-CBC decrypt (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try AES.CBC.decrypt(cbc, key: aesKey, iv: iv)) }
        }
        let gcm = try! AES.GCM.seal(message, key: aesKey, nonce: nonce)
        Benchmark("AES-256-GCM seal (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try AES.GCM.seal(message, key: aesKey, nonce: nonce)) }
        }
        Benchmark("AES-256-GCM open (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try AES.GCM.open(gcm, key: aesKey, nonce: nonce)) }
        }
        let chacha = try! ChaChaPoly.seal(message, key: aesKey, nonce: nonce)
        Benchmark("ChaCha20-Poly1305 seal (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try ChaChaPoly.seal(message, key: aesKey, nonce: nonce)) }
        }
        Benchmark("ChaCha20-Poly1305 open (\(label))", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try ChaChaPoly.open(chacha, key: aesKey, nonce: nonce)) }
        }
    }
}
