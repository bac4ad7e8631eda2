public import KeyService
import PostgresSupport

/// keyserviced storage in PostgreSQL, shared safely by several keyserviced processes.
///
/// One table, `keyservice_storage(key text primary key, value bytea, version bigint)`, and a sequence
/// `keyservice_storage_versions` from which every write takes its version (unique across the table, so a key
/// deleted and created again never reuses a version another process may still hold). Every write is one statement
/// in its own transaction, committed before returning. Compare-and-swap writes (`expectedVersion`) are a single
/// `UPDATE … WHERE version = $n` or `INSERT … ON CONFLICT DO NOTHING`, so concurrent writers from any process never
/// lose an update; the service retries the loser. Values are barrier ciphertext: the database never sees keys.
public final class PostgresStorage: StorageBackend {
    private let pool: PostgresPool
    /// The table name.
    public let table: String

    /// Connects lazily to `url` and creates the table if needed.
    public init(url: String, maximumConnections: Int = 8, table: String = "keyservice_storage") async throws {
        // An unquoted SQL identifier: a letter or underscore first, and short enough that `<table>_versions` fits
        // PostgreSQL's 63-byte limit.
        guard let first = table.first, first.isASCII, first.isLetter || first == "_", table.utf8.count <= 54,
              table.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw StorageFailure("invalid table name")
        }
        self.table = table
        pool = PostgresPool(url: url, maximumConnections: maximumConnections)
        do {
            try await pool.withConnection { [table] db in
                // Serialized: concurrent CREATE … IF NOT EXISTS from two starting processes can still collide.
                try db.execute("SELECT pg_advisory_lock(hashtext($1))", [.text(table)])
                defer { _ = try? db.execute("SELECT pg_advisory_unlock(hashtext($1))", [.text(table)]) }
                try db.execute("CREATE TABLE IF NOT EXISTS \(table) (key text PRIMARY KEY, value bytea NOT NULL, version bigint NOT NULL)")
                try db.execute("CREATE SEQUENCE IF NOT EXISTS \(table)_versions")
            }
        } catch {
            throw StorageFailure("the PostgreSQL storage could not be prepared")
        }
    }

    /// Shared between processes.
    public var isShared: Bool { true }

    /// Closes the pool.
    public func close() { pool.close() }

    /// The entry at `key`.
    public func get(_ key: String) async throws -> StoredEntry? {
        let table = self.table
        let row = try await run { try $0.execute("SELECT value, version FROM \(table) WHERE key = $1", [.text(key)]).singleRow() }
        guard let row, let value = row["value"].bytes, let version = row["version"].int64 else { return nil }
        return StoredEntry(value: value, version: UInt64(version))
    }

    /// Writes `value`, atomically checking `expectedVersion` if given.
    @discardableResult
    public func put(_ key: String, value: [UInt8], expectedVersion: UInt64?) async throws -> UInt64 {
        let table = self.table
        let result: PostgresResult = try await run { db in
            switch expectedVersion {
            case nil:
                return try db.execute("""
                    INSERT INTO \(table) (key, value, version) VALUES ($1, $2, nextval('\(table)_versions'))
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version
                    RETURNING version
                    """, [.text(key), .bytea(value)])
            case 0?:
                return try db.execute("""
                    INSERT INTO \(table) (key, value, version) VALUES ($1, $2, nextval('\(table)_versions'))
                    ON CONFLICT (key) DO NOTHING RETURNING version
                    """, [.text(key), .bytea(value)])
            case let expected?:
                return try db.execute("""
                    UPDATE \(table) SET value = $2, version = nextval('\(table)_versions') WHERE key = $1 AND version = $3
                    RETURNING version
                    """, [.text(key), .bytea(value), .int64(Int64(expected))])
            }
        }
        guard let version = result.rows.first?["version"].int64 else { throw StorageConflict() }
        return UInt64(version)
    }

    /// Removes `key`.
    public func delete(_ key: String) async throws {
        let table = self.table
        _ = try await run { try $0.execute("DELETE FROM \(table) WHERE key = $1", [.text(key)]) }
    }

    /// Keys starting with `prefix`.
    public func list(prefix: String) async throws -> [String] {
        let table = self.table
        let result = try await run { try $0.execute("SELECT key FROM \(table) WHERE starts_with(key, $1) ORDER BY key COLLATE \"C\"", [.text(prefix)]) }
        return result.rows.compactMap { $0["key"].string }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let conflict as StorageConflict {
            throw conflict
        } catch {
            throw StorageFailure("a PostgreSQL storage operation failed")
        }
    }
}
