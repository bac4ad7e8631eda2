// Envelope encryption throughput beside its baseline, measured in the same run. Benchmarks/report.py envelope
// reports the signed suite from here; the unsigned suite's ratios (the target) come from Tools/EnvelopeRatio, which
// interleaves the contenders round by round, and the Python ESDK is timed on the same inputs.
//
// - "AES-256-GCM seal <size>" / "open": the primitive alone over the same plaintext, in one call (the target's
//   baseline).
// - "Envelope encrypt <size> <suite>" / "Envelope decrypt …": a whole message with the default 64 KiB frames
//   (header, frames, footer for the signed suite) with a raw AES keyring, materials included (data key
//   generation and wrapping, signing key).
// - "… 4KiB": the same with the AWS SDKs' default 4 KiB frames.

import Benchmark
import CryptoPrimitives
import Envelope
import Foundation

func configuration(_ size: Int) -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(size > 1 << 20 ? 10 : 3),
          maxIterations: size > 1 << 20 ? 20 : 500)
}

/// Runs an async body from a synchronous benchmark closure.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> T {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: T?
    Task.detached {
        result = try? await body()
        semaphore.signal()
    }
    semaphore.wait()
    return result!
}

let benchmarks: @Sendable () -> Void = {
    let keyring = try! RawAESKeyring(keyNamespace: "bench", keyName: "k", wrappingKey: SecretKey(copying: [UInt8](repeating: 1, count: 32)))
    let client = EnvelopeClient(keyring: keyring)
    for (label, size) in [("1 MiB", 1 << 20), ("64 MiB", 64 << 20)] {
        let plaintext = [UInt8](repeating: 0x5A, count: size)
        let key = SecretKey(copying: [UInt8](repeating: 2, count: 32))
        let nonce = [UInt8](repeating: 3, count: 12)
        let sealed = try! AES.GCM.seal(plaintext, key: key, nonce: nonce)
        Benchmark("AES-256-GCM seal \(label)", configuration: configuration(size)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! AES.GCM.seal(plaintext, key: key, nonce: nonce)) }
        }
        Benchmark("AES-256-GCM open \(label)", configuration: configuration(size)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! AES.GCM.open(sealed, key: key, nonce: nonce)) }
        }
        for (suffix, frameLength) in [("", EncryptionOptions.defaultFrameLength), (" 4KiB", UInt32(4096))] {
            for suite in [AlgorithmSuite.aes256GCMHKDFSHA512CommitKey, .aes256GCMHKDFSHA512CommitKeyECDSAP384] {
                let options = EncryptionOptions(suite: suite, frameLength: frameLength)
                let message = blocking { try await client.encrypt(plaintext, options: options) }
                Benchmark("Envelope encrypt \(label) \(suite)\(suffix)", configuration: configuration(size)) { benchmark in
                    // One async hop per batch of iterations: the sync-to-async bridge is the harness's cost, not ours.
                    let iterations = benchmark.scaledIterations
                    blackHole(blocking { var n = 0; for _ in iterations { n &+= try await client.encrypt(plaintext, options: options).count }; return n })
                }
                Benchmark("Envelope decrypt \(label) \(suite)\(suffix)", configuration: configuration(size)) { benchmark in
                    let iterations = benchmark.scaledIterations
                    blackHole(blocking { var n = 0; for _ in iterations { n &+= try await client.decrypt(message).plaintext.count }; return n })
                }
            }
        }
    }
}
