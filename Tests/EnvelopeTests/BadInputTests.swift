import CryptoPrimitives
import Envelope
import Foundation
import Testing

/// Hostile and damaged messages: every truncation, lying lengths, huge declared counts and frame sizes, trailing
/// bytes, reordered frames, swapped keys and contexts. Each is a typed ``EnvelopeError`` found before any large
/// allocation (limits are checked when a length is read), and no plaintext is released from a frame that did not
/// verify.
@Suite struct BadInputTests {
    static let keyring: RawAESKeyring = {
        do { return try RawAESKeyring(keyNamespace: "ns", keyName: "k", wrappingKey: EnvelopeSupport.aesKey) } catch { preconditionFailure("fixture") }
    }()
    static let client = EnvelopeClient(keyring: keyring)

    static func message(suite: AlgorithmSuite = .default, frame: UInt32? = 64, length: Int = 200, context: [String: String] = ["a": "b"]) async throws -> [UInt8] {
        try await client.encrypt([UInt8](repeating: 7, count: length), encryptionContext: context, options: EncryptionOptions(suite: suite, frameLength: frame))
    }

    @Test(arguments: [AlgorithmSuite.aes256GCMHKDFSHA512CommitKey, .aes256GCMHKDFSHA512CommitKeyECDSAP384], [UInt32?.some(64), nil])
    func everyTruncationIsRefused(suite: AlgorithmSuite, frame: UInt32?) async throws {
        let message = try await Self.message(suite: suite, frame: frame)
        for length in 0..<message.count {
            let decryptor = Self.client.decryptor()
            do {
                let chunk = try await decryptor.update(message[0..<length])
                try decryptor.finish()
                Issue.record("a message cut to \(length) of \(message.count) bytes was accepted (\(chunk.bytes.count) bytes out)")
            } catch let error as EnvelopeError {
                #expect([.truncatedMessage, .malformedMessage].contains(error.code), "cut at \(length): \(error)")
            }
        }
        // Fed byte by byte, the whole message still decrypts.
        let decryptor = Self.client.decryptor()
        var plaintext: [UInt8] = []
        for byte in message { plaintext += try await decryptor.update([byte]).bytes }
        try decryptor.finish()
        #expect(plaintext == [UInt8](repeating: 7, count: 200))
    }

    @Test func trailingBytesAreRefused() async throws {
        for suite in [AlgorithmSuite.aes256GCMHKDFSHA512CommitKey, .aes256GCMHKDFSHA512CommitKeyECDSAP384] {
            let message = try await Self.message(suite: suite) + [0]
            await #expect(throws: EnvelopeError(.malformedMessage)) { _ = try await Self.client.decrypt(message) }
        }
    }

    /// Offsets in a format-2 header with a one-pair context ("a" = "b") and one raw-AES data key.
    struct Layout {
        static let contextLength = 1 + 2 + 32          // the AAD length field
        static let pairCount = contextLength + 2
        static let keyCount = pairCount + 2 + 2 + 1 + 2 + 1
    }

    static func patched(_ message: [UInt8], at offset: Int, _ bytes: [UInt8]) -> [UInt8] {
        var copy = message
        copy.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        return copy
    }

    @Test func lyingLengthsAndHugeCountsAreTypedErrors() async throws {
        let message = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKey)
        #expect(message[Layout.keyCount..<Layout.keyCount + 2].elementsEqual([0, 1]))
        var small = DecryptionOptions()
        small.maximumHeaderByteCount = 4096
        let cases: [(String, [UInt8], EnvelopeError.Code)] = [
            ("version 3", Self.patched(message, at: 0, [3]), .malformedMessage),
            ("unknown suite", Self.patched(message, at: 1, [0x12, 0x34]), .unsupportedAlgorithmSuite),
            ("format-1 suite in a format-2 header", Self.patched(message, at: 1, [0x01, 0x78]), .malformedMessage),
            ("context length 65535", Self.patched(message, at: Layout.contextLength, [0xFF, 0xFF]), .malformedMessage),
            ("context pair count 65535", Self.patched(message, at: Layout.pairCount, [0xFF, 0xFF]), .truncatedMessage),
            ("context pair count 0", Self.patched(message, at: Layout.pairCount, [0, 0]), .malformedMessage),
            ("65535 data keys", Self.patched(message, at: Layout.keyCount, [0xFF, 0xFF]), .limitExceeded),
            ("no data keys", Self.patched(message, at: Layout.keyCount, [0, 0]), .malformedMessage),
            ("provider id length 65535", Self.patched(message, at: Layout.keyCount + 2, [0xFF, 0xFF]), .malformedMessage),
        ]
        for (name, variant, code) in cases {
            do {
                _ = try await Self.client.decrypt(variant, options: small)
                Issue.record("\(name): accepted")
            } catch let error as EnvelopeError {
                // A lying length either runs past the header limit or into bytes that fail a later check; either way
                // it is a typed error, never a crash or an allocation of the declared size.
                #expect(error.code == code || error.code == .limitExceeded || error.code == .malformedMessage || error.code == .truncatedMessage,
                        "\(name): \(error)")
            }
        }
    }

    @Test func frameAndBodyLimitsAreCheckedWhenDeclared() async throws {
        // A header declaring 2^31 - 1 byte frames: refused at the header with the default 16 MiB limit.
        let framed = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKey, frame: 0x7FFF_FFFF, length: 10)
        await #expect(throws: EnvelopeError(.limitExceeded)) { _ = try await Self.client.decrypt(framed) }
        var generous = DecryptionOptions()
        generous.maximumFrameLength = 0x7FFF_FFFF
        #expect(try await Self.client.decrypt(framed, options: generous).plaintext.count == 10)

        // A non-framed body whose length field claims 2^36: refused as soon as the 8-byte length is read.
        let single = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKey, frame: nil, length: 10)
        let headerEnd = single.count - (12 + 8 + 10 + 16)
        var lying = single
        lying.replaceSubrange(headerEnd + 12..<headerEnd + 20, with: [0, 0, 0, 0x10, 0, 0, 0, 0])
        await #expect(throws: EnvelopeError(.malformedMessage)) { _ = try await Self.client.decrypt(lying) }
        lying.replaceSubrange(headerEnd + 12..<headerEnd + 20, with: [0, 0, 0, 0x01, 0, 0, 0, 0])
        await #expect(throws: EnvelopeError(.limitExceeded)) { _ = try await Self.client.decrypt(lying) }

        // A final frame that claims to be longer than the frame length.
        let small = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKey, frame: 64, length: 10)
        let finalStart = small.count - (4 + 4 + 12 + 4 + 10 + 16)
        #expect(small[finalStart..<finalStart + 4].elementsEqual([0xFF, 0xFF, 0xFF, 0xFF]))
        let longFinal = Self.patched(small, at: finalStart + 20, [0, 0, 0, 65])
        await #expect(throws: EnvelopeError(.malformedMessage)) { _ = try await Self.client.decrypt(longFinal) }
    }

    @Test func reorderedOrRepeatedFramesAreRefused() async throws {
        let message = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKey, frame: 16, length: 40)
        let frame = 4 + 12 + 16 + 16
        let finalLength = 4 + 4 + 12 + 4 + 8 + 16
        let bodyStart = message.count - 2 * frame - finalLength
        var swapped = message
        swapped.replaceSubrange(bodyStart..<bodyStart + frame, with: message[bodyStart + frame..<bodyStart + 2 * frame])
        swapped.replaceSubrange(bodyStart + frame..<bodyStart + 2 * frame, with: message[bodyStart..<bodyStart + frame])
        await #expect(throws: EnvelopeError(.malformedMessage)) { _ = try await Self.client.decrypt(swapped) }
        var repeated = message
        repeated.replaceSubrange(bodyStart + frame..<bodyStart + 2 * frame, with: message[bodyStart..<bodyStart + frame])
        await #expect(throws: EnvelopeError(.malformedMessage)) { _ = try await Self.client.decrypt(repeated) }
        // A stream cut after a regular frame releases that frame's (authentic) plaintext, then fails at finish().
        let decryptor = Self.client.decryptor()
        let chunk = try await decryptor.update(message[0..<bodyStart + frame])
        #expect(chunk.bytes.count == 16 && chunk.isAuthenticated)
        #expect(throws: EnvelopeError(.truncatedMessage)) { try decryptor.finish() }
    }

    @Test func aTamperedFrameReleasesNothing() async throws {
        let message = try await Self.message(suite: .aes256GCMHKDFSHA512CommitKeyECDSAP384, frame: 16, length: 40)
        let decryptor = Self.client.decryptor()
        var tampered = message
        tampered[tampered.count - 200] ^= 1
        var released: [UInt8] = []
        do {
            for index in stride(from: 0, to: tampered.count, by: 7) {
                let chunk = try await decryptor.update(tampered[index..<min(index + 7, tampered.count)])
                #expect(!chunk.isAuthenticated)  // signed: nothing is authenticated before the footer
                released += chunk.bytes
            }
            try decryptor.finish()
            Issue.record("tampered message accepted")
        } catch let error as EnvelopeError {
            #expect([.bodyAuthenticationFailed, .signatureInvalid, .malformedMessage].contains(error.code))
        }
        #expect(released.count % 16 == 0 && released.allSatisfy { $0 == 7 })
        await #expect(throws: EnvelopeError(.invalidState)) { _ = try await decryptor.update([0]) }
    }

    @Test func wrongKeysContextsAndPoliciesAreRefused() async throws {
        let message = try await Self.message()
        let otherKey = try RawAESKeyring(keyNamespace: "ns", keyName: "k", wrappingKey: SecretKey.generate(byteCount: 32))
        await #expect(throws: EnvelopeError(.noDecryptableDataKey)) { _ = try await EnvelopeClient(keyring: otherKey).decrypt(message) }
        let otherName = try RawAESKeyring(keyNamespace: "ns", keyName: "other", wrappingKey: EnvelopeSupport.aesKey)
        await #expect(throws: EnvelopeError(.noDecryptableDataKey)) { _ = try await EnvelopeClient(keyring: otherName).decrypt(message) }
        var required = DecryptionOptions()
        required.requiredEncryptionContext = try EncryptionContext(["a": "c"])
        await #expect(throws: EnvelopeError(.invalidEncryptionContext)) { _ = try await Self.client.decrypt(message, options: required) }
        required.requiredEncryptionContext = try EncryptionContext(["a": "b"])
        #expect(try await Self.client.decrypt(message, options: required).plaintext.count == 200)
        var unsignedOnly = DecryptionOptions()
        unsignedOnly.allowSignedMessages = false
        await #expect(throws: EnvelopeError(.unsupportedAlgorithmSuite)) { _ = try await Self.client.decrypt(message, options: unsignedOnly) }
        // Reserved context keys, legacy suites and frame lengths out of range are refused on encrypt.
        await #expect(throws: EnvelopeError(.invalidEncryptionContext)) {
            _ = try await Self.client.encrypt([1], encryptionContext: ["aws-crypto-public-key": "x"])
        }
        await #expect(throws: EnvelopeError(.unsupportedAlgorithmSuite)) {
            _ = try await Self.client.encrypt([1], options: EncryptionOptions(suite: .aes256GCMIV12Tag16HKDFSHA256))
        }
        await #expect(throws: EnvelopeError(.invalidMaterials)) { _ = try await Self.client.encrypt([1], options: EncryptionOptions(suite: .default, frameLength: 0)) }
    }

    @Test func errorTextsNeverCarryMessageData() async throws {
        let secret = "4111111111111111-patient-john-doe"
        let message = try await Self.client.encrypt(Array(secret.utf8), encryptionContext: ["tenant": secret])
        var variants: [[UInt8]] = []
        for offset in stride(from: 0, to: message.count, by: 13) {
            var copy = message
            copy[offset] ^= 0x40
            variants.append(copy)
        }
        for variant in variants {
            do { _ = try await Self.client.decrypt(variant) } catch {
                #expect(!"\(error)".contains(secret) && !String(reflecting: error).contains(secret))
            }
        }
        let decrypted = try await Self.client.decrypt(message)
        #expect(!"\(decrypted.header)".contains(secret))
        #expect(!"\(decrypted.header.encryptionContext)".contains(secret))
    }
}
