import PostgresTestSupport
import CryptoPrimitives
import Foundation
import KeyService
import KeyServicePostgres
import PostgresSupport
import Testing
import StrictJSON

/// What only PostgreSQL storage promises: several processes on one database.
@Suite struct PostgresStorageTests {
    @Test func twoPoolsCompareAndSwapOnOneTable() async throws {
        // Two storages with their own connection pools stand for two keyserviced processes.
        let table = TestDatabase.uniqueName("ks_two_pools")
        let first = try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 3, table: table)
        let second = try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 3, table: table)
        _ = try await first.put("counter", value: Array("0".utf8), expectedVersion: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for storage in [first, second] {
                for _ in 0..<4 { group.addTask { for _ in 0..<25 { try await StorageContractTests.increment(storage, "counter") } } }
            }
            try await group.waitForAll()
        }
        #expect(try await second.get("counter").map { String(decoding: $0.value, as: UTF8.self) } == "200")
        first.close()
        second.close()
    }

    @Test func servicesSharingADatabaseSeeEachOthersWrites() async throws {
        let table = TestDatabase.uniqueName("ks_shared")
        let first = KeyService(storage: try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 3, table: table))
        let second = KeyService(storage: try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 3, table: table))
        try await first.start()
        try await second.start()
        let result = try await first.initialize(shares: 3, threshold: 2)
        #expect(await second.handle(VaultRequest(method: "GET", path: "sys/init")).body?["initialized"] == true)
        for service in [first, second] {
            for key in result.keys.prefix(2) { _ = try await service.unseal(share: key) }
        }
        let token = result.rootToken
        func call(_ service: KeyService, _ method: String, _ path: String, _ body: JSONValue? = nil) async -> VaultResponse {
            await service.handle(VaultRequest(method: method, path: path, token: token, body: body))
        }
        #expect(await call(first, "POST", "sys/mounts/transit", ["type": "transit"]).status == 204)
        #expect(await call(second, "POST", "transit/keys/k").status == 200)
        let encrypted = await call(first, "POST", "transit/encrypt/k", ["plaintext": "aGk="])
        let ciphertext = try #require(encrypted.body?["data"]?["ciphertext"])
        // The second service cached version 1 of the key; a rotation through the first must be seen at once.
        #expect(await call(second, "POST", "transit/decrypt/k", ["ciphertext": ciphertext]).body?["data"]?["plaintext"] == "aGk=")
        #expect(await call(first, "POST", "transit/keys/k/rotate").status == 200)
        let rotated = await call(second, "POST", "transit/encrypt/k", ["plaintext": "aGk="])
        #expect(rotated.body?["data"]?["ciphertext"]?.stringValue?.hasPrefix("vault:v2:") == true)
        // A keyring rotation through the second: the first reads entries written under the new term.
        #expect(await call(second, "POST", "sys/rotate").status == 204)
        #expect(await call(second, "POST", "transit/keys/after").status == 200)
        #expect(await call(first, "GET", "transit/keys/after").status == 200)
        // Sealing one process seals only that process.
        first.seal()
        #expect(await call(first, "GET", "transit/keys/k").status == 503)
        #expect(await call(second, "GET", "transit/keys/k").status == 200)
    }

    @Test func restartKeepsEverything() async throws {
        let table = TestDatabase.uniqueName("ks_restart")
        let storage = try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 2, table: table)
        let service = KeyService(storage: storage)
        try await service.start()
        let result = try await service.initialize(shares: 1, threshold: 1)
        _ = try await service.unseal(share: result.keys[0])
        let token = result.rootToken
        _ = await service.handle(VaultRequest(method: "POST", path: "sys/mounts/transit", token: token, body: ["type": "transit"]))
        _ = await service.handle(VaultRequest(method: "POST", path: "transit/keys/k", token: token))
        let ciphertext = await service.handle(VaultRequest(method: "POST", path: "transit/encrypt/k", token: token, body: ["plaintext": "aGk="])).body?["data"]?["ciphertext"]
        storage.close()

        let reopened = KeyService(storage: try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 2, table: table))
        try await reopened.start()
        #expect(reopened.isInitialized && reopened.isSealed)
        _ = try await reopened.unseal(share: result.keys[0])
        let decrypted = await reopened.handle(VaultRequest(method: "POST", path: "transit/decrypt/k", token: token, body: ["ciphertext": ciphertext ?? .null]))
        #expect(decrypted.body?["data"]?["plaintext"] == "aGk=")
    }

    @Test func keysWithNulAreATypedFailure() async throws {
        // The service never builds such keys (names are validated above storage); PostgreSQL text cannot hold NUL.
        let storage = try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 1, table: TestDatabase.uniqueName("ks_nul"))
        await #expect(throws: StorageFailure.self) { try await storage.put("a\u{0}b", value: [1], expectedVersion: nil) }
        #expect(try await storage.get("ab") == nil)
    }

    @Test(arguments: ["", "1table", "drop table x;--", "a-b", "ключ", String(repeating: "t", count: 64)])
    func invalidTableNamesAreRefused(table: String) async throws {
        await #expect(throws: StorageFailure.self) { _ = try await PostgresStorage(url: TestDatabase.url(), table: table) }
    }

    @Test func unreachableDatabaseFailsWithoutEchoingTheURL() async throws {
        let url = "postgresql://keyservice:hunter2-secret@127.0.0.1:1/db?connect_timeout=2"
        let storage = try? await PostgresStorage(url: url, maximumConnections: 1, table: "ks_unreachable")
        #expect(storage == nil)
        do {
            _ = try await PostgresStorage(url: url, maximumConnections: 1, table: "ks_unreachable")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
            #expect(!String(reflecting: error).contains("hunter2"))
        }
    }
}
