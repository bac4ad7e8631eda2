import CryptoPrimitives
import Envelope
import Foundation
import Testing

/// `chatsec envelope encrypt|decrypt`: files and pipes, exit codes, outputs that appear only when verified, and a
/// 1 GiB stream in bounded memory.
@Suite(.serialized) struct EnvelopeCLITests {
    static func chatsec(_ arguments: [String], input: Data? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: Data, error: String) {
        let result = try EnvelopeSupport.run(try EnvelopeSupport.binary("chatsec"), ["envelope"] + arguments, input: input, environment: environment)
        return (result.status, result.output, String(decoding: result.error, as: UTF8.self))
    }

    @Test func filesPipesAndExitCodes() throws {
        let directory = try EnvelopeSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("k").path
        try Data((0..<32).map { UInt8($0) }).write(to: URL(fileURLWithPath: key))
        let plaintext = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let input = directory.appendingPathComponent("in").path
        try plaintext.write(to: URL(fileURLWithPath: input))
        let message = directory.appendingPathComponent("msg").path

        var result = try Self.chatsec(["encrypt", "--aes-key-file", key, "-i", input, "-o", message, "-c", "tenant=42", "-c", "ü=ñ"])
        #expect(result.status == 0, "\(result.error)")
        // Standard input to standard output, unsigned suite.
        result = try Self.chatsec(["encrypt", "--aes-key-file", key, "--suite", "0x0478", "--frame-length", "1000"], input: plaintext)
        #expect(result.status == 0)
        let piped = result.output
        result = try Self.chatsec(["decrypt", "--aes-key-file", key], input: piped)
        #expect(result.status == 0 && result.output == plaintext)

        // A signed message: to a file, or to standard output only with --buffer.
        let out = directory.appendingPathComponent("out").path
        result = try Self.chatsec(["decrypt", "--aes-key-file", key, "-i", message, "-o", out, "--require-context", "tenant=42", "--show-context"])
        #expect(result.status == 0 && FileManager.default.contents(atPath: out) == plaintext)
        #expect(result.error.contains("\"tenant\":\"42\""))
        result = try Self.chatsec(["decrypt", "--aes-key-file", key, "-i", message])
        #expect(result.status == 2 && result.output.isEmpty && result.error.contains("--buffer"))
        result = try Self.chatsec(["decrypt", "--aes-key-file", key, "-i", message, "--buffer"])
        #expect(result.status == 0 && result.output == plaintext)

        // Tampering, a wrong key, a missing required pair: exit 1 and no output file.
        var tampered = try Data(contentsOf: URL(fileURLWithPath: message))
        tampered[tampered.count - 20] ^= 1
        let tamperedPath = directory.appendingPathComponent("tampered").path
        try tampered.write(to: URL(fileURLWithPath: tamperedPath))
        let refused = directory.appendingPathComponent("refused").path
        result = try Self.chatsec(["decrypt", "--aes-key-file", key, "-i", tamperedPath, "-o", refused])
        #expect(result.status == 1 && !FileManager.default.fileExists(atPath: refused), "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasSuffix(".partial") })
        let otherKey = directory.appendingPathComponent("k2").path
        try Data(repeating: 9, count: 32).write(to: URL(fileURLWithPath: otherKey))
        result = try Self.chatsec(["decrypt", "--aes-key-file", otherKey, "-i", message, "-o", refused])
        #expect(result.status == 1 && result.error.contains("noDecryptableDataKey"))
        result = try Self.chatsec(["decrypt", "--aes-key-file", key, "-i", message, "-o", refused, "--require-context", "tenant=43"])
        #expect(result.status == 1 && !result.error.contains("43"))

        // RSA: encrypt with the public key, decrypt with the private key.
        let rsa = EnvelopeSupport.rsaKey
        let publicPath = directory.appendingPathComponent("rsa.pub").path, privatePath = directory.appendingPathComponent("rsa.pem").path
        try Data(rsa.publicKey.pemRepresentation.utf8).write(to: URL(fileURLWithPath: publicPath))
        try rsa.pemRepresentation().withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: privatePath)) }
        result = try Self.chatsec(["encrypt", "--rsa-public-key", publicPath, "--rsa-padding", "oaep-sha512"], input: plaintext)
        #expect(result.status == 0)
        result = try Self.chatsec(["decrypt", "--rsa-private-key", privatePath, "--rsa-padding", "oaep-sha512", "--buffer"], input: result.output)
        #expect(result.status == 0 && result.output == plaintext)

        // Usage problems exit 2.
        #expect(try Self.chatsec(["encrypt", "-i", input]).status == 2)
        #expect(try Self.chatsec(["encrypt", "--aes-key-file", key, "--suite", "0x0178", "-i", input]).status == 2)
        #expect(try Self.chatsec(["encrypt", "--aes-key-file", key, "-c", "aws-crypto-public-key=x", "-i", input]).status == 1)
        #expect(try Self.chatsec(["encrypt", "--transit-key", "vault://transit/keys/k", "-i", input], environment: [:]).status == 2)
    }

    /// 1 GiB through `encrypt` (standard input to a file) and `decrypt` (file to file) with the default signed suite
    /// and frame length (64 KiB); each process's peak resident memory (VmHWM) stays under 64 MiB.
    @Test func oneGibibyteStreamsInBoundedMemory() throws {
        let directory = try EnvelopeSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("k").path
        try Data(repeating: 3, count: 32).write(to: URL(fileURLWithPath: key))
        let message = directory.appendingPathComponent("big.msg").path
        let plain = directory.appendingPathComponent("big.out").path
        let chatsec = try EnvelopeSupport.binary("chatsec")
        let size = 1 << 30
        let encrypt = try EnvelopeSupport.run("/bin/sh", ["-c", "head -c \(size) /dev/zero | \"$0\" envelope encrypt --aes-key-file \"$1\" -o \"$2\" --report-peak-memory", chatsec, key, message])
        let encryptPeak = Self.peak(encrypt.error)
        #expect(encrypt.status == 0)
        let decrypt = try EnvelopeSupport.run(chatsec, ["envelope", "decrypt", "--aes-key-file", key, "-i", message, "-o", plain, "--report-peak-memory"])
        let decryptPeak = Self.peak(decrypt.error)
        #expect(decrypt.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: plain)
        #expect((attributes[.size] as? NSNumber)?.intValue == size)
        // Spot-check the plaintext: zeros at the start, the middle and the end.
        let handle = try #require(FileHandle(forReadingAtPath: plain))
        for offset in [0, size / 2 - 5, size - 4096] {
            try handle.seek(toOffset: UInt64(offset))
            #expect(try handle.read(upToCount: 4096)?.allSatisfy { $0 == 0 } == true)
        }
        try handle.close()
        print("[envelope] 1 GiB: encrypt peak \(encryptPeak / 1024) MiB, decrypt peak \(decryptPeak / 1024) MiB (limit 64 MiB)")
        #expect(encryptPeak > 0 && encryptPeak < 64 * 1024)
        #expect(decryptPeak > 0 && decryptPeak < 64 * 1024)
    }

    static func peak(_ stderr: Data) -> Int {
        let text = String(decoding: stderr, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("peak-resident-kib: ") }) else { return -1 }
        return Int(line.dropFirst("peak-resident-kib: ".count)) ?? -1
    }
}
