import CryptoPrimitives
import Envelope
import Foundation
import Synchronization
import Testing

/// The caching materials manager: limits on age, messages and bytes per data key, bypass for unknown lengths,
/// and concurrency (hundreds of concurrent encryptions never use one data key beyond its limits).
@Suite struct CachingTests {
    /// A keyring that counts how many data keys it generated.
    final class CountingKeyring: Keyring, @unchecked Sendable {
        let inner: RawAESKeyring
        let generated = Mutex(0)
        let unwrapped = Mutex(0)

        init() throws { inner = try RawAESKeyring(keyNamespace: "ns", keyName: "k", wrappingKey: EnvelopeSupport.aesKey) }

        func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials {
            if materials.plaintextDataKey == nil { generated.withLock { $0 += 1 } }
            return try await inner.onEncrypt(materials)
        }

        func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials {
            unwrapped.withLock { $0 += 1 }
            return try await inner.onDecrypt(materials, encryptedDataKeys: encryptedDataKeys)
        }
    }

    /// The data key's wrapped copy identifies the data key a message used.
    static func dataKeyID(_ message: [UInt8]) throws -> [UInt8] {
        try MessageHeader.parse(message: message).header.encryptedDataKeys[0].ciphertext
    }

    @Test func messageAndByteLimits() async throws {
        let keyring = try CountingKeyring()
        let cache = try CachingMaterialsManager(keyring: keyring, limits: .init(maximumAge: .seconds(600), maximumMessages: 3, maximumBytes: 1000))
        let client = EnvelopeClient(materialsManager: cache)
        var ids: [[UInt8]] = []
        for _ in 0..<7 { ids.append(try Self.dataKeyID(try await client.encrypt([UInt8](repeating: 1, count: 10), encryptionContext: ["t": "1"]))) }
        // 3 messages per data key: keys change after messages 3 and 6.
        #expect(ids[0] == ids[1] && ids[1] == ids[2] && ids[2] != ids[3] && ids[3] == ids[5] && ids[5] != ids[6])
        #expect(keyring.generated.withLock { $0 } == 3)
        // A different context never shares an entry.
        let other = try Self.dataKeyID(try await client.encrypt([1], encryptionContext: ["t": "2"]))
        #expect(other != ids[6])
        // Bytes: 600 + 600 > 1000, so the second message gets a new key; a 2000-byte message bypasses the cache.
        let big1 = try Self.dataKeyID(try await client.encrypt([UInt8](repeating: 0, count: 600), encryptionContext: ["t": "3"]))
        let big2 = try Self.dataKeyID(try await client.encrypt([UInt8](repeating: 0, count: 600), encryptionContext: ["t": "3"]))
        #expect(big1 != big2)
        let generatedBefore = keyring.generated.withLock { $0 }
        _ = try await client.encrypt([UInt8](repeating: 0, count: 2000), encryptionContext: ["t": "3"])
        _ = try await client.encrypt([UInt8](repeating: 0, count: 2000), encryptionContext: ["t": "3"])
        #expect(keyring.generated.withLock { $0 } == generatedBefore + 2)
        // Streams of unknown length bypass it too.
        let encryptor = try await client.encryptor(encryptionContext: ["t": "1"])
        _ = encryptor.headerBytes
        #expect(keyring.generated.withLock { $0 } == generatedBefore + 3)
    }

    @Test func ageLimitAndDecryptCache() async throws {
        let keyring = try CountingKeyring()
        let clock = Mutex(ContinuousClock.now)
        let cache = try CachingMaterialsManager(underlying: DefaultMaterialsManager(keyring: keyring),
                                                limits: .init(maximumAge: .seconds(60)), now: { clock.withLock { $0 } })
        let client = EnvelopeClient(materialsManager: cache)
        let first = try await client.encrypt([1, 2, 3], encryptionContext: ["t": "1"])
        let second = try await client.encrypt([1, 2, 3], encryptionContext: ["t": "1"])
        #expect(try Self.dataKeyID(first) == Self.dataKeyID(second))
        clock.withLock { $0 += .seconds(61) }
        let third = try await client.encrypt([1, 2, 3], encryptionContext: ["t": "1"])
        #expect(try Self.dataKeyID(third) != Self.dataKeyID(first))
        // Decryption materials are cached per data key and context: one unwrap for many decryptions.
        let unwrapsBefore = keyring.unwrapped.withLock { $0 }
        for _ in 0..<5 { #expect(try await client.decrypt(first).plaintext == [1, 2, 3]) }
        #expect(keyring.unwrapped.withLock { $0 } == unwrapsBefore + 1)
        clock.withLock { $0 += .seconds(61) }
        _ = try await client.decrypt(first)
        #expect(keyring.unwrapped.withLock { $0 } == unwrapsBefore + 2)
    }

    @Test func concurrentEncryptionsRespectTheMessageLimit() async throws {
        let keyring = try CountingKeyring()
        let cache = try CachingMaterialsManager(keyring: keyring, limits: .init(maximumAge: .seconds(600), maximumMessages: 10))
        let client = EnvelopeClient(materialsManager: cache)
        let messages = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<400 {
                group.addTask { try await client.encrypt(Array("message \(index)".utf8), encryptionContext: ["tenant": "42"],
                                                         options: EncryptionOptions(suite: .aes256GCMHKDFSHA512CommitKey)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var uses: [[UInt8]: Int] = [:]
        for message in messages { uses[try Self.dataKeyID(message), default: 0] += 1 }
        #expect(uses.values.allSatisfy { $0 <= 10 }, "a data key was used \(uses.values.max() ?? 0) times")
        #expect(uses.count >= 40 && uses.count == keyring.generated.withLock { $0 })
        for message in messages.prefix(20) { _ = try await client.decrypt(message) }
    }
}
