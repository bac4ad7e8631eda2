import CryptoPrimitives
import Foundation
import SignalProtocol
import SignalProtocolSQLite
import Testing

@Suite("SQLite Signal store")
struct SQLiteStoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("signal-\(UUID().uuidString).sqlite").path
    }

    static func cleanup(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("Sessions, prekeys and identities survive closing and reopening the file", arguments: [false, true])
    func survivesRestart(encrypted: Bool) async throws {
        let path = Self.temporaryPath()
        defer { Self.cleanup(path) }
        let storageKey = encrypted ? try SecretKey.generate(byteCount: 32) : nil
        let bob = try Party("bob")
        let aliceIdentity = try IdentityKeyPair.generate()
        let aliceAddress = ProtocolAddress(name: "alice", deviceID: 1)

        do {
            let store = try SQLiteSignalStore(path: path, encryptionKey: storageKey)
            #expect(try await !store.hasLocalIdentity())
            try await store.setLocalIdentity(aliceIdentity, registrationID: 77)
            let alice = SessionCipher(stores: store.stores)
            try await alice.processBundle(try await bob.bundle(preKeyID: 3, signedPreKeyID: 2), for: bob.address)
            let first = try await alice.encrypt(Array("before restart".utf8), for: bob.address)
            #expect(try await bob.cipher.decrypt(first, from: aliceAddress).array == Array("before restart".utf8))
            let signed = try SignedPreKeyRecord.generate(id: 9, identity: aliceIdentity, timestamp: 1234)
            try await store.saveSignedPreKey(signed)
            try await store.savePreKey(try PreKeyRecord.generate(id: 10))
        }

        let reopened = try SQLiteSignalStore(path: path, encryptionKey: storageKey)
        #expect(try await reopened.hasLocalIdentity())
        #expect(try await reopened.identityKeyPair().identityKey == aliceIdentity.identityKey)
        #expect(try await reopened.localRegistrationID() == 77)
        #expect(try await reopened.identity(for: bob.address) == bob.identity.identityKey)
        #expect(try await reopened.signedPreKey(id: 9)?.timestamp == 1234)
        #expect(try await reopened.preKey(id: 10) != nil)
        try await reopened.removePreKey(id: 10)
        #expect(try await reopened.preKey(id: 10) == nil)
        let alice = SessionCipher(stores: reopened.stores)
        let reply = try await bob.cipher.encrypt(Array("after restart".utf8), for: aliceAddress)
        #expect(try await alice.decrypt(reply, from: bob.address).array == Array("after restart".utf8))
        let next = try await alice.encrypt(Array("on the ratchet".utf8), for: bob.address)
        #expect(next.type == .whisper)
        #expect(try await bob.cipher.decrypt(next, from: aliceAddress).array == Array("on the ratchet".utf8))
    }

    @Test("With a storage key no private key or record is readable in the file; wrong keys and swapped rows fail")
    func atRestSealing() async throws {
        let path = Self.temporaryPath()
        defer { Self.cleanup(path) }
        let key = try SecretKey.generate(byteCount: 32)
        let identity = try IdentityKeyPair.generate()
        let store = try SQLiteSignalStore(path: path, encryptionKey: key)
        try await store.setLocalIdentity(identity, registrationID: 5)
        let bob = try Party("bob")
        let carol = try Party("carol")
        let cipher = SessionCipher(stores: store.stores)
        try await cipher.processBundle(try await bob.bundle(), for: bob.address)
        try await cipher.processBundle(try await carol.bundle(), for: carol.address)

        // The raw file never contains the identity's private key.
        let fileBytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()) + [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        let privateKey = identity.privateKey.rawRepresentation.unprotectedCopy()
        #expect(!fileBytes.isEmpty)
        #expect(fileBytes.firstRange(of: privateKey) == nil)

        // Opening with the wrong key, or with none, cannot read secrets.
        let wrong = try SQLiteSignalStore(path: path, encryptionKey: try SecretKey.generate(byteCount: 32))
        await #expect(throws: SignalError.self) { _ = try await wrong.identityKeyPair() }
        let none = try SQLiteSignalStore(path: path)
        await #expect(throws: SignalError.self) { _ = try await none.loadSession(for: bob.address) }
        #expect(throws: SignalError.self) { _ = try SQLiteSignalStore(path: path, encryptionKey: SecretKey.generate(byteCount: 16)) }

        // Bob's record copied onto Carol's row no longer authenticates.
        try SQLiteTestHelper.execute(path: path, sql: "UPDATE sessions SET record = (SELECT record FROM sessions WHERE name = 'bob') WHERE name = 'carol'")
        await #expect(throws: SignalError.self) { _ = try await store.loadSession(for: carol.address) }
        #expect(try await store.loadSession(for: bob.address) != nil)
    }
}

import GRDB

enum SQLiteTestHelper {
    /// Runs SQL directly on the file, as an attacker with file access would.
    static func execute(path: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
    }
}
