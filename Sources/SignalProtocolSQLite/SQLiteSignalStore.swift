public import CryptoPrimitives
import Foundation
import GRDB
public import SignalProtocol

/// All five Signal stores in one SQLite file, for mobile clients.
///
/// - Every write is one SQLite transaction (WAL journal, `synchronous = FULL`), so a session record is replaced
///   atomically and survives a crash or restart once the call returned.
/// - With an `encryptionKey` (32 bytes, e.g. from the platform keychain), every secret column (private keys,
///   session records) is sealed with AES-256-GCM under a random nonce, authenticated with the table and row it
///   belongs to, so rows cannot be swapped. Without one, the file relies on the platform's file protection.
/// - Trust on first use, like ``InMemoryIdentityKeyStore``.
public final class SQLiteSignalStore: Sendable {
    private let database: DatabaseQueue
    private let sealer: ColumnSealer

    /// Opens (creating if needed) the store at `path`.
    public init(path: String, encryptionKey: SecretKey? = nil) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try Self.migrator.migrate(database)
        } catch {
            throw SignalError(.storageFailure, "the SQLite store could not be opened")
        }
        sealer = try ColumnSealer(key: encryptionKey)
    }

    /// The stores, for a ``SessionCipher``.
    public var stores: SignalStores {
        SignalStores(identities: self, preKeys: self, signedPreKeys: self, kemPreKeys: self, sessions: self)
    }

    /// Whether the local identity has been set.
    public func hasLocalIdentity() async throws -> Bool {
        try await read { db in try Row.fetchOne(db, sql: "SELECT 1 FROM local_identity WHERE id = 1") != nil }
    }

    /// Sets the local identity and registration id (once, at registration).
    public func setLocalIdentity(_ identity: IdentityKeyPair, registrationID: UInt32) async throws {
        let sealed = try sealer.seal(identity.privateKey.rawRepresentation, context: "local_identity|1")
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO local_identity (id, private_key, registration_id) VALUES (1, ?, ?)",
                           arguments: [sealed, Int64(registrationID)])
        }
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE local_identity (id INTEGER PRIMARY KEY CHECK (id = 1), private_key BLOB NOT NULL, registration_id INTEGER NOT NULL);
                CREATE TABLE identities (name TEXT NOT NULL, device_id INTEGER NOT NULL, identity_key BLOB NOT NULL, PRIMARY KEY (name, device_id));
                CREATE TABLE prekeys (id INTEGER PRIMARY KEY, private_key BLOB NOT NULL);
                CREATE TABLE signed_prekeys (id INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, private_key BLOB NOT NULL, signature BLOB NOT NULL);
                CREATE TABLE kem_prekeys (id INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, public_key BLOB NOT NULL, secret_key BLOB NOT NULL, signature BLOB NOT NULL, used INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE sessions (name TEXT NOT NULL, device_id INTEGER NOT NULL, record BLOB NOT NULL, PRIMARY KEY (name, device_id));
                """)
        }
        return migrator
    }()

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as SignalError {
            throw error
        } catch {
            throw SignalError(.storageFailure, "reading the SQLite store failed")
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as SignalError {
            throw error
        } catch {
            throw SignalError(.storageFailure, "writing the SQLite store failed")
        }
    }

    func seal(_ secret: SecureBytes, context: String) throws -> Data { try sealer.seal(secret, context: context) }
    func open(_ data: Data, context: String) throws -> SecureBytes { try sealer.open(data, context: context) }
}
