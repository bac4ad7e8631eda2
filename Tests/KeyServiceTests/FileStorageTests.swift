import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing
import StrictJSON

@Suite("Embedded file storage")
struct FileStorageTests {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("keyservice-\(UUID().uuidString)")
    }

    @Test("Writes survive reopening; compare-and-swap; a second process is locked out")
    func persistence() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let storage = try FileStorage(directory: directory)
            #expect(try await storage.put("core/a", value: [1, 2, 3], expectedVersion: 0) == 1)
            await #expect(throws: StorageConflict.self) { try await storage.put("core/a", value: [9], expectedVersion: 0) }
            #expect(try await storage.put("core/a", value: [4], expectedVersion: 1) == 2)
            try await storage.put("ns/x/logical/u/policy/k%/é", value: [5], expectedVersion: nil)
            try await storage.put(String(repeating: "long/", count: 100), value: [6], expectedVersion: nil)
            #expect(throws: StorageFailure.self) { _ = try FileStorage(directory: directory) }
            storage.close()
        }
        let reopened = try FileStorage(directory: directory)
        #expect(try await reopened.get("core/a") == StoredEntry(value: [4], version: 2))
        #expect(try await reopened.get("ns/x/logical/u/policy/k%/é")?.value == [5])
        #expect(try await reopened.get(String(repeating: "long/", count: 100))?.value == [6])
        #expect(try await reopened.list(prefix: "ns/x/") == ["ns/x/logical/u/policy/k%/é"])
        try await reopened.delete("core/a")
        #expect(try await reopened.get("core/a") == nil)
    }

    @Test("A corrupted file is detected on open; leftover temporary files are removed")
    func corruption() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let storage = try FileStorage(directory: directory)
            try await storage.put("core/a", value: Array(repeating: 7, count: 100), expectedVersion: nil)
            storage.close()
        }
        let temporary = directory.appendingPathComponent(".tmp-interrupted")
        #expect(FileManager.default.createFile(atPath: temporary.path, contents: Data([1, 2, 3])))
        try FileStorage(directory: directory).close()
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        let file = directory.appendingPathComponent(FileStorage.fileName(for: "core/a"))
        var bytes = try Data(contentsOf: file)
        bytes[40] ^= 0xff
        try bytes.write(to: file)
        #expect(throws: StorageFailure.self) { _ = try FileStorage(directory: directory) }
    }

    @Test("A whole vault on file storage survives a restart")
    func vaultRestart() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ciphertext: JSONValue
        let token: String
        let keys: [SecureBytes]
        do {
            let storage = try FileStorage(directory: directory)
            defer { storage.close() }
            let vault = try await TestVault.make(shares: 3, threshold: 2, storage: storage)
            _ = await vault.data("POST", "transit/keys/k")
            _ = await vault.data("POST", "transit/keys/k/rotate")
            ciphertext = await vault.data("POST", "transit/encrypt/k", ["plaintext": b64("durable")])["ciphertext"] ?? nil
            token = vault.rootToken
            keys = vault.keys
        }
        let service = KeyService(storage: try FileStorage(directory: directory))
        try await service.start()
        _ = try await service.unseal(share: keys[2])
        _ = try await service.unseal(share: keys[0])
        let response = await service.handle(VaultRequest(method: "POST", path: "transit/decrypt/k", token: token, body: ["ciphertext": ciphertext]))
        #expect(unb64(response.body?["data"]?["plaintext"]) == Array("durable".utf8))
        // The stored bytes never contain the key material or plaintext (everything is above the barrier).
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".entry") {
            let contents = [UInt8]((try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data())
            #expect(contents.firstRange(of: Array("durable".utf8)) == nil)
            #expect(contents.firstRange(of: Array("aes256-gcm96".utf8)) == nil, "\(name): metadata is encrypted too")
        }
    }
}
