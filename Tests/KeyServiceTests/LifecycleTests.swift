import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing

@Suite("Seal lifecycle")
struct LifecycleTests {
    @Test("init, unseal with threshold shares, seal; sealed answers 503 and holds no keys")
    func lifecycle() async throws {
        let storage = InMemoryStorage()
        let vault = try await TestVault.make(shares: 5, threshold: 3, storage: storage)
        let created = await vault.data("POST", "transit/keys/orders")
        #expect(created["name"]?.stringValue == "orders")
        let ciphertext = await vault.data("POST", "transit/encrypt/orders", ["plaintext": b64("hello")])["ciphertext"]?.stringValue
        #expect(ciphertext?.hasPrefix("vault:v1:") == true)
        vault.service.seal()
        #expect(vault.service.isSealed)
        #expect(!vault.service.barrier.isUnsealed)
        #expect(await vault.request("POST", "transit/decrypt/orders", ["ciphertext": .string(ciphertext ?? "")]).status == 503)
        // Unseal again in a fresh process over the same storage.
        let restarted = KeyService(storage: storage)
        try await restarted.start()
        #expect(restarted.isInitialized && restarted.isSealed)
        _ = try await restarted.unseal(share: vault.keys[4])
        // A wrong share resets progress without unsealing.
        var wrong = vault.keys[0].unprotectedCopy()
        wrong[3] ^= 1
        _ = try await restarted.unseal(share: vault.keys[2])
        await #expect(throws: KeyServiceError.self) { _ = try await restarted.unseal(share: SecureBytes(copying: wrong)) }
        #expect(restarted.isSealed)
        for share in [vault.keys[1], vault.keys[3], vault.keys[0]] { _ = try await restarted.unseal(share: share) }
        #expect(!restarted.isSealed)
        let plaintext = await restarted.handle(VaultRequest(method: "POST", path: "transit/decrypt/orders", token: vault.rootToken, body: ["ciphertext": .string(ciphertext ?? "")]))
        #expect(unb64(plaintext.body?["data"]?["plaintext"]) == Array("hello".utf8))
    }

    @Test("A second init is refused; uninitialized answers 501")
    func initRules() async throws {
        let service = KeyService(storage: InMemoryStorage())
        try await service.start()
        #expect(await service.handle(VaultRequest(method: "GET", path: "transit/keys/x", token: "t")).status == 501)
        _ = try await service.initialize(shares: 1, threshold: 1)
        await #expect(throws: KeyServiceError.self) { _ = try await service.initialize(shares: 1, threshold: 1) }
    }
}
