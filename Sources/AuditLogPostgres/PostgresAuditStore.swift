public import AuditLog
import CryptoPrimitives
import PostgresSupport

/// The audit log in PostgreSQL, shared safely by several appending processes.
///
/// Three tables per log (prefix `audit` by default): `<prefix>_entries(idx, entry, leaf_hash, appended_at)`,
/// `<prefix>_nodes(level, idx, hash)` and `<prefix>_checkpoints(id, size, note, saved_at)`. ``install(url:prefix:writerRole:)``
/// (run once by an owner role) creates them with triggers that refuse `UPDATE`, `DELETE` and `TRUNCATE`, and grants
/// the writer role `SELECT` and `INSERT` only. Each append is one transaction: it takes a transaction-scoped
/// advisory lock for the log, reads the last entry and the tree's right edge, and inserts the new entries and
/// nodes, so indexes are gapless and one order holds across processes. Concurrent appends within a process are
/// grouped into one transaction by `AuditLog`.
public final class PostgresAuditStore: AuditStore {
    private let pool: PostgresPool
    private let tables: Tables
    private let lockKey: Int64

    struct Tables {
        let entries: String
        let nodes: String
        let checkpoints: String
        let prefix: String

        init(prefix: String) throws(AuditError) {
            guard let first = prefix.first, first.isASCII, first.isLetter || first == "_", prefix.utf8.count <= 40,
                  prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else { throw AuditError(.storageFailure, "invalid table prefix") }
            self.prefix = prefix.lowercased()
            entries = self.prefix + "_entries"
            nodes = self.prefix + "_nodes"
            checkpoints = self.prefix + "_checkpoints"
        }
    }

    /// Connects as the writer role to an installed log.
    public init(url: String, prefix: String = "audit", maximumConnections: Int = 4) throws {
        tables = try Tables(prefix: prefix)
        pool = PostgresPool(url: url, maximumConnections: maximumConnections)
        let digest = SHA256.hash(Array("chatsecurity-audit|\(tables.prefix)".utf8))
        lockKey = Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// Closes the pool.
    public func close() { pool.close() }

    /// Creates the tables, the append-only triggers and the writer role's grants (idempotent). Run it as the
    /// tables' owner; the writer role must exist.
    public static func install(url: String, prefix: String = "audit", writerRole: String?) async throws {
        let tables = try Tables(prefix: prefix)
        if let writerRole {
            guard writerRole.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !writerRole.isEmpty else {
                throw AuditError(.storageFailure, "invalid role name")
            }
        }
        let pool = PostgresPool(url: url, maximumConnections: 1)
        defer { pool.close() }
        do {
            try await pool.transaction { db in
                let p = tables.prefix
                try db.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text(p)])
                try db.execute("""
                    CREATE TABLE IF NOT EXISTS \(tables.entries) (
                        idx bigint PRIMARY KEY CHECK (idx >= 0), entry bytea NOT NULL,
                        leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32), appended_at timestamptz NOT NULL DEFAULT now())
                    """)
                try db.execute("""
                    CREATE TABLE IF NOT EXISTS \(tables.nodes) (
                        level smallint NOT NULL CHECK (level >= 0 AND level < 64), idx bigint NOT NULL CHECK (idx >= 0),
                        hash bytea NOT NULL CHECK (length(hash) = 32), PRIMARY KEY (level, idx))
                    """)
                try db.execute("""
                    CREATE TABLE IF NOT EXISTS \(tables.checkpoints) (
                        id bigserial PRIMARY KEY, size bigint NOT NULL CHECK (size >= 0), note text NOT NULL,
                        saved_at timestamptz NOT NULL DEFAULT now())
                    """)
                try db.execute("""
                    CREATE OR REPLACE FUNCTION \(p)_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit log tables are append-only'; END $$
                    """)
                for table in [tables.entries, tables.nodes, tables.checkpoints] {
                    try db.execute("CREATE OR REPLACE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(p)_refuse_change()")
                    try db.execute("CREATE OR REPLACE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION \(p)_refuse_change()")
                    try db.execute("REVOKE ALL ON \(table) FROM PUBLIC")
                    if let writerRole {
                        try db.execute("REVOKE ALL ON \(table) FROM \(writerRole)")
                        try db.execute("GRANT SELECT, INSERT ON \(table) TO \(writerRole)")
                    }
                }
                if let writerRole { try db.execute("GRANT USAGE ON SEQUENCE \(tables.checkpoints)_id_seq TO \(writerRole)") }
            }
        } catch {
            throw AuditError(.storageFailure, "the audit tables could not be installed")
        }
    }

    // MARK: - AuditStore

    /// Appends in one transaction under the log's advisory lock.
    public func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] {
        guard !events.isEmpty else { return [] }
        let tables = self.tables
        let lockKey = self.lockKey
        return try await run {
            try await self.pool.transaction { db -> [AuditReceipt] in
                try db.execute("SELECT pg_advisory_xact_lock($1)", [.int64(lockKey)])
                let last = try db.execute("SELECT idx, leaf_hash FROM \(tables.entries) ORDER BY idx DESC LIMIT 1").singleRow()
                let size = UInt64(last.flatMap { $0["idx"].int64 }.map { $0 + 1 } ?? 0)
                let lastLeaf = last.flatMap { $0["leaf_hash"].bytes }.flatMap { TreeHash(bytes: $0) } ?? .zero
                let addresses = Appender.decompositionAddresses(size: size)
                let edge = try Self.readNodes(addresses, tables: tables, db: db)
                var appender = try Appender(size: size, lastLeafHash: lastLeaf, decompositionNodes: edge)
                let batch = try appender.append(events, time: time, hasher: MerkleHasher())
                for chunk in stride(from: 0, to: batch.entries.count, by: 1000) {
                    let rows = batch.entries[chunk..<min(chunk + 1000, batch.entries.count)]
                    var parameters: [PostgresValue] = []
                    var values: [String] = []
                    for row in rows {
                        values.append("($\(parameters.count + 1), $\(parameters.count + 2), $\(parameters.count + 3))")
                        parameters += [.int64(Int64(row.index)), .bytea(row.bytes), .bytea(row.leafHash.bytes)]
                    }
                    try db.execute("INSERT INTO \(tables.entries) (idx, entry, leaf_hash) VALUES \(values.joined(separator: ", "))", parameters)
                }
                for chunk in stride(from: 0, to: batch.nodes.count, by: 1000) {
                    let rows = batch.nodes[chunk..<min(chunk + 1000, batch.nodes.count)]
                    var parameters: [PostgresValue] = []
                    var values: [String] = []
                    for row in rows {
                        values.append("($\(parameters.count + 1), $\(parameters.count + 2), $\(parameters.count + 3))")
                        parameters += [.int16(Int16(row.address.level)), .int64(Int64(row.address.index)), .bytea(row.hash.bytes)]
                    }
                    try db.execute("INSERT INTO \(tables.nodes) (level, idx, hash) VALUES \(values.joined(separator: ", "))", parameters)
                }
                return batch.entries.map { AuditReceipt(index: $0.index, leafHash: $0.leafHash) }
            }
        }
    }

    /// One past the highest index.
    public func size() async throws -> UInt64 {
        let table = tables.entries
        return try await run {
            try await self.pool.withConnection { db in
                let row = try db.execute("SELECT COALESCE(max(idx) + 1, 0) AS size FROM \(table)").singleRow()
                return UInt64(max(0, row?["size"].int64 ?? 0))
            }
        }
    }

    /// Entries with index ≥ `start`, in index order (a missing row shows as the next entry in its place).
    public func entries(from start: UInt64, count: Int) async throws -> [[UInt8]] {
        let table = tables.entries
        return try await run {
            try await self.pool.withConnection { db in
                let result = try db.execute("SELECT entry FROM \(table) WHERE idx >= $1 ORDER BY idx LIMIT $2", [.int64(Int64(start)), .int64(Int64(count))])
                return result.rows.compactMap { $0["entry"].bytes }
            }
        }
    }

    /// Stored node hashes.
    public func nodes(_ addresses: [NodeAddress]) async throws -> [TreeHash] {
        let tables = self.tables
        return try await run {
            try await self.pool.withConnection { db in try Self.readNodes(addresses, tables: tables, db: db) }
        }
    }

    /// Stores a checkpoint.
    public func saveCheckpoint(_ note: String, size: UInt64) async throws {
        let table = tables.checkpoints
        try await run {
            try await self.pool.withConnection { db in
                _ = try db.execute("INSERT INTO \(table) (size, note) VALUES ($1, $2)", [.int64(Int64(size)), .text(note)])
            }
        }
    }

    /// Stored checkpoints, in the order saved.
    public func checkpoints() async throws -> [StoredCheckpoint] {
        let table = tables.checkpoints
        return try await run {
            try await self.pool.withConnection { db in
                try db.execute("SELECT size, note FROM \(table) ORDER BY id").rows.compactMap { row in
                    guard let size = row["size"].int64, let note = row["note"].string else { return nil }
                    return StoredCheckpoint(size: UInt64(max(0, size)), note: note)
                }
            }
        }
    }

    // MARK: - Helpers

    /// Reads nodes; contiguous runs of one level are one range query.
    static func readNodes(_ addresses: [NodeAddress], tables: Tables, db: PostgresConnection) throws -> [TreeHash] {
        var result = [TreeHash](repeating: .zero, count: addresses.count)
        var position = 0
        while position < addresses.count {
            let first = addresses[position]
            var end = position + 1
            while end < addresses.count, addresses[end].level == first.level, addresses[end].index == first.index + UInt64(end - position), end - position < 100_000 {
                end += 1
            }
            let rows = try db.execute("SELECT idx, hash FROM \(tables.nodes) WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
                                      [.int16(Int16(first.level)), .int64(Int64(first.index)), .int64(Int64(first.index) + Int64(end - position))]).rows
            guard rows.count == end - position else { throw TreeError(.missingNode) }
            for (offset, row) in rows.enumerated() {
                guard row["idx"].int64 == Int64(first.index) + Int64(offset), let bytes = row["hash"].bytes, let hash = TreeHash(bytes: bytes) else {
                    throw TreeError(.missingNode)
                }
                result[position + offset] = hash
            }
            position = end
        }
        return result
    }

    /// Maps database failures to a fixed error (libpq's texts may quote values); tree and audit errors pass.
    private func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AuditError {
            throw error
        } catch let error as TreeError {
            throw error
        } catch {
            throw AuditError(.storageFailure, "a PostgreSQL operation on the audit log failed")
        }
    }
}
