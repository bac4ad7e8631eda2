// Paired throughput ratios for envelope messages: each round times every contender back to back (in an order that
// rotates between rounds), and the ratio to raw AES-256-GCM is taken within the round. Medians over the rounds are
// printed as JSON for Benchmarks/report.py envelope:
//
//     EnvelopeRatio <plaintext bytes> <rounds>
//
// Contenders: AES-256-GCM seal/open in one call (the baseline); the same primitive in 4 KiB calls through one keyed
// context (libcrypto's per-call ceiling for 4 KiB frames); unsigned (0x0478) envelope messages with 64 KiB (default)
// and 4 KiB frames, raw AES keyring, materials included.

import CryptoPrimitives
import Envelope
import Foundation

struct Contender {
    let name: String
    let run: () async throws -> Int
}

func nanoseconds(_ body: () async throws -> Int, repetitions: Int) async throws -> Double {
    var sink = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<repetitions { sink &+= try await body() }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(repetitions)
    if sink == Int.min { print("") }
    return elapsed
}

/// Seals or opens `input` in 4 KiB calls through `context` (IV = chunk index, 72-byte AAD, tag per chunk): sealing
/// writes the tags, opening checks them.
func chunked(_ context: AES.GCM.KeyedContext, sealing: Bool, input: [UInt8], tags: [UInt8]) throws -> (output: [UInt8], tags: [UInt8]) {
    let chunk = 4096
    var output = [UInt8](unsafeUninitializedCapacity: input.count) { _, count in count = input.count }
    var outTags = tags
    var iv = [UInt8](repeating: 0, count: 12)
    let aad = [UInt8](repeating: 0x41, count: 72)
    try input.withUnsafeBytes { source in
        try output.withUnsafeMutableBytes { sink in
            try outTags.withUnsafeMutableBytes { tagBytes in
                var offset = 0
                var index = 0
                while offset < source.count {
                    let end = min(offset + chunk, source.count)
                    for k in 0..<4 { iv[8 + k] = UInt8(truncatingIfNeeded: index >> (24 - 8 * k)) }
                    let tag = UnsafeMutableRawBufferPointer(rebasing: tagBytes[(index * 16)..<(index * 16 + 16)])
                    try iv.withUnsafeBytes { nonce in
                        try aad.withUnsafeBytes { a in
                            if sealing {
                                try context.seal(UnsafeRawBufferPointer(rebasing: source[offset..<end]), nonce: nonce, authenticating: a,
                                                 ciphertext: UnsafeMutableRawBufferPointer(rebasing: sink[offset..<end]), tag: tag)
                            } else {
                                try context.open(UnsafeRawBufferPointer(rebasing: source[offset..<end]), tag: UnsafeRawBufferPointer(tag), nonce: nonce,
                                                 authenticating: a, plaintext: UnsafeMutableRawBufferPointer(rebasing: sink[offset..<end]))
                            }
                        }
                    }
                    offset = end
                    index += 1
                }
            }
        }
    }
    return (output, outTags)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * q).rounded())))]
}

func measure(size: Int, rounds: Int) async throws -> [String: Any] {
    let keyring = try RawAESKeyring(keyNamespace: "bench", keyName: "k", wrappingKey: SecretKey(copying: [UInt8](repeating: 1, count: 32)))
    let client = EnvelopeClient(keyring: keyring)
    let plaintext = [UInt8](repeating: 0x5A, count: size)
    let key = SecretKey(copying: [UInt8](repeating: 2, count: 32))
    let nonce = [UInt8](repeating: 3, count: 12)
    let sealed = try AES.GCM.seal(plaintext, key: key, nonce: nonce)
    let sealer = try AES.GCM.KeyedContext(key: key, encrypting: true)
    let opener = try AES.GCM.KeyedContext(key: key, encrypting: false)
    // Ciphertext and tags of the 4 KiB-call contender, made once so its open verifies.
    let (ciphertext4k, tags4k) = try chunked(sealer, sealing: true, input: plaintext, tags: [UInt8](repeating: 0, count: (size + 4095) / 4096 * 16))
    var contenders = [
        Contender(name: "seal") { try AES.GCM.seal(plaintext, key: key, nonce: nonce).ciphertext.count },
        Contender(name: "open") { try AES.GCM.open(sealed, key: key, nonce: nonce).count },
        Contender(name: "seal 4 KiB calls") { try chunked(sealer, sealing: true, input: plaintext, tags: tags4k).output.count },
        Contender(name: "open 4 KiB calls") { try chunked(opener, sealing: false, input: ciphertext4k, tags: tags4k).output.count },
    ]
    for (label, frame) in [("64 KiB", EncryptionOptions.defaultFrameLength), ("4 KiB", UInt32(4096))] {
        let options = EncryptionOptions(suite: .aes256GCMHKDFSHA512CommitKey, frameLength: frame)
        let message = try await client.encrypt(plaintext, options: options)
        contenders.append(Contender(name: "encrypt \(label)") { try await client.encrypt(plaintext, options: options).count })
        contenders.append(Contender(name: "decrypt \(label)") { try await client.decrypt(message).plaintext.count })
    }
    // About 20 ms per contender per round.
    let probe = try await nanoseconds(contenders[0].run, repetitions: 3)
    let repetitions = max(1, Int(20e6 / max(probe, 1)))
    for contender in contenders { _ = try await nanoseconds(contender.run, repetitions: repetitions) } // warm-up
    var times: [String: [Double]] = [:]
    for round in 0..<rounds {
        for offset in 0..<contenders.count {
            let contender = contenders[(round + offset) % contenders.count]
            times[contender.name, default: []].append(try await nanoseconds(contender.run, repetitions: repetitions))
        }
    }
    var result: [String: Any] = ["bytes": size, "rounds": rounds, "repetitions": repetitions]
    var medians: [String: Double] = [:]
    for (name, samples) in times { medians[name] = median(samples) }
    result["median_ns"] = medians
    var ratios: [String: [String: Double]] = [:]
    for (name, samples) in times where name != "seal" && name != "open" {
        let baseline = times[name.hasPrefix("seal") || name.hasPrefix("encrypt") ? "seal" : "open"] ?? []
        let perRound = zip(baseline, samples).map { $0 / $1 }
        ratios[name] = ["median": median(perRound), "p25": quantile(perRound, 0.25), "p75": quantile(perRound, 0.75)]
    }
    result["ratio_to_one_call"] = ratios
    return result
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let size = Int(arguments[1]), let rounds = Int(arguments[2]), size > 0, rounds > 0 else {
    FileHandle.standardError.write(Data("usage: EnvelopeRatio <plaintext bytes> <rounds>\n".utf8))
    exit(2)
}
let json = try await Task.detached {
    try JSONSerialization.data(withJSONObject: try await measure(size: size, rounds: rounds), options: [.sortedKeys])
}.value
print(String(decoding: json, as: UTF8.self))
