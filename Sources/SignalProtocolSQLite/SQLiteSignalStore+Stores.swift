import CryptoPrimitives
import Foundation
import GRDB
public import SignalProtocol

extension SQLiteSignalStore: IdentityKeyStore {
    /// The local identity key pair.
    public func identityKeyPair() async throws -> IdentityKeyPair {
        let sealed = try await read { db in try Data.fetchOne(db, sql: "SELECT private_key FROM local_identity WHERE id = 1") }
        guard let sealed else { throw SignalError(.storageFailure, "the local identity has not been set") }
        return IdentityKeyPair(privateKey: try X25519.PrivateKey(rawRepresentation: open(sealed, context: "local_identity|1")))
    }

    /// The local registration id.
    public func localRegistrationID() async throws -> UInt32 {
        let id = try await read { db in try Int64.fetchOne(db, sql: "SELECT registration_id FROM local_identity WHERE id = 1") }
        guard let id, let value = UInt32(exactly: id) else { throw SignalError(.storageFailure, "the local identity has not been set") }
        return value
    }

    /// Records `identity`; `true` when it replaced a different one.
    @discardableResult
    public func saveIdentity(_ identity: IdentityKey, for address: ProtocolAddress) async throws -> Bool {
        let bytes = Data(identity.serialized)
        return try await write { db in
            let previous = try Data.fetchOne(db, sql: "SELECT identity_key FROM identities WHERE name = ? AND device_id = ?",
                                             arguments: [address.name, Int64(address.deviceID)])
            try db.execute(sql: "INSERT OR REPLACE INTO identities (name, device_id, identity_key) VALUES (?, ?, ?)",
                           arguments: [address.name, Int64(address.deviceID), bytes])
            return previous != nil && previous != bytes
        }
    }

    /// Trusted when unknown (first use) or equal to the stored identity.
    public func isTrustedIdentity(_ identity: IdentityKey, for address: ProtocolAddress, direction: Direction) async throws -> Bool {
        guard let stored = try await self.identity(for: address) else { return true }
        return stored == identity
    }

    /// The stored identity of `address`.
    public func identity(for address: ProtocolAddress) async throws -> IdentityKey? {
        let bytes = try await read { db in
            try Data.fetchOne(db, sql: "SELECT identity_key FROM identities WHERE name = ? AND device_id = ?",
                              arguments: [address.name, Int64(address.deviceID)])
        }
        return try bytes.map { try IdentityKey(serialized: [UInt8]($0)) }
    }
}

extension SQLiteSignalStore: PreKeyStore {
    /// The prekey with `id`.
    public func preKey(id: UInt32) async throws -> PreKeyRecord? {
        let sealed = try await read { db in try Data.fetchOne(db, sql: "SELECT private_key FROM prekeys WHERE id = ?", arguments: [Int64(id)]) }
        guard let sealed else { return nil }
        let key = try X25519.PrivateKey(rawRepresentation: open(sealed, context: "prekeys|\(id)"))
        return PreKeyRecord(id: id, keyPair: CurveKeyPair(privateKey: key))
    }

    /// Stores a prekey.
    public func savePreKey(_ record: PreKeyRecord) async throws {
        let sealed = try seal(record.keyPair.privateKey.rawRepresentation, context: "prekeys|\(record.id)")
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO prekeys (id, private_key) VALUES (?, ?)", arguments: [Int64(record.id), sealed])
        }
    }

    /// Removes a prekey.
    public func removePreKey(id: UInt32) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM prekeys WHERE id = ?", arguments: [Int64(id)]) }
    }
}

extension SQLiteSignalStore: SignedPreKeyStore {
    /// The signed prekey with `id`.
    public func signedPreKey(id: UInt32) async throws -> SignedPreKeyRecord? {
        let row = try await read { db in
            try Row.fetchOne(db, sql: "SELECT timestamp, private_key, signature FROM signed_prekeys WHERE id = ?", arguments: [Int64(id)])
                .map { row -> (Int64, Data, Data) in (row["timestamp"], row["private_key"], row["signature"]) }
        }
        guard let (timestamp, sealed, signature) = row else { return nil }
        let key = try X25519.PrivateKey(rawRepresentation: open(sealed, context: "signed_prekeys|\(id)"))
        return SignedPreKeyRecord(id: id, timestamp: UInt64(max(timestamp, 0)), keyPair: CurveKeyPair(privateKey: key), signature: [UInt8](signature))
    }

    /// Stores a signed prekey.
    public func saveSignedPreKey(_ record: SignedPreKeyRecord) async throws {
        let sealed = try seal(record.keyPair.privateKey.rawRepresentation, context: "signed_prekeys|\(record.id)")
        let timestamp = Int64(clamping: record.timestamp)
        let signature = Data(record.signature)
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO signed_prekeys (id, timestamp, private_key, signature) VALUES (?, ?, ?, ?)",
                           arguments: [Int64(record.id), timestamp, sealed, signature])
        }
    }
}

extension SQLiteSignalStore: KEMPreKeyStore {
    /// The KEM prekey with `id`.
    public func kemPreKey(id: UInt32) async throws -> KEMPreKeyRecord? {
        let row = try await read { db in
            try Row.fetchOne(db, sql: "SELECT timestamp, public_key, secret_key, signature FROM kem_prekeys WHERE id = ?", arguments: [Int64(id)])
                .map { row -> (Int64, Data, Data, Data) in (row["timestamp"], row["public_key"], row["secret_key"], row["signature"]) }
        }
        guard let (timestamp, publicKey, sealed, signature) = row else { return nil }
        return KEMPreKeyRecord(id: id, timestamp: UInt64(max(timestamp, 0)), publicKey: [UInt8](publicKey),
                               secretKey: try open(sealed, context: "kem_prekeys|\(id)"), signature: [UInt8](signature))
    }

    /// Stores a KEM prekey.
    public func saveKEMPreKey(_ record: KEMPreKeyRecord) async throws {
        let sealed = try seal(record.secretKey, context: "kem_prekeys|\(record.id)")
        let id = Int64(record.id)
        let timestamp = Int64(clamping: record.timestamp)
        let publicKey = Data(record.publicKey)
        let signature = Data(record.signature)
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO kem_prekeys (id, timestamp, public_key, secret_key, signature) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, timestamp, publicKey, sealed, signature])
        }
    }

    /// Records a use.
    public func markKEMPreKeyUsed(id: UInt32) async throws {
        try await write { db in try db.execute(sql: "UPDATE kem_prekeys SET used = 1 WHERE id = ?", arguments: [Int64(id)]) }
    }
}

extension SQLiteSignalStore: SessionStore {
    /// The record for `address`.
    public func loadSession(for address: ProtocolAddress) async throws -> SessionRecord? {
        let sealed = try await read { db in
            try Data.fetchOne(db, sql: "SELECT record FROM sessions WHERE name = ? AND device_id = ?",
                              arguments: [address.name, Int64(address.deviceID)])
        }
        guard let sealed else { return nil }
        return try SessionRecord(serialized: open(sealed, context: Self.sessionContext(address)))
    }

    /// Replaces the record for `address` in one transaction.
    public func storeSession(_ record: SessionRecord, for address: ProtocolAddress) async throws {
        let sealed = try seal(record.serialized(), context: Self.sessionContext(address))
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sessions (name, device_id, record) VALUES (?, ?, ?)",
                           arguments: [address.name, Int64(address.deviceID), sealed])
        }
    }

    private static func sessionContext(_ address: ProtocolAddress) -> String {
        "sessions|\(address.deviceID)|\(address.name)"
    }
}
