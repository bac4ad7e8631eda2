public import AuditLog
import CryptoPrimitives
import PostgresSupport
import Synchronization

/// The audit log in PostgreSQL, shared safely by several appending processes.
///
/// Three tables per log (prefix `audit` by default): `<prefix>_entries(idx, entry, leaf_hash, appended_at)` (the
/// leaf hashes are the tree's level 0), `<prefix>_nodes(level, idx, hash)` for levels 1 and up, and `<prefix>_checkpoints(id, size, note, saved_at)`. ``install(url:prefix:writerRole:)``
/// (run once by an owner role) creates them with triggers that refuse `UPDATE`, `DELETE` and `TRUNCATE`, and grants
/// the writer role `SELECT` and `INSERT` only. Each append is one transaction: it takes a transaction-scoped
/// advisory lock for the log, reads the last entry and the tree's right edge, and inserts the new entries and
/// nodes, so indexes are gapless and one order holds across processes. Concurrent appends within a process are
/// grouped into one transaction by `AuditLog`.
public final class PostgresAuditStore: AuditStore {
    private let pool: PostgresPool
    private let tables: Tables
    private let lockKey: Int64
    /// The state after this process's last append: while no other process appends, the next append needs one
    /// statement. If another process appended meanwhile, index `size` is taken: the statement fails on the primary
    /// key (entries are never removed, the triggers see to that), nothing is written, and the append falls back to
    /// the locking path. A stale cache can therefore never write out of order.
    private let cached = Mutex<Appender?>(nil)

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

    /// Appends: one statement when this process appended last, else one transaction under the log's advisory lock.
    public func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] {
        guard !events.isEmpty else { return [] }
        // One statement carries at most 65,535 parameters: large batches go in chunks (each durable before the next).
        if events.count > Self.maximumStatementBatch {
            var receipts: [AuditReceipt] = []
            for start in stride(from: 0, to: events.count, by: Self.maximumStatementBatch) {
                receipts += try await append(Array(events[start..<min(events.count, start + Self.maximumStatementBatch)]), time: time)
            }
            return receipts
        }
        if let state = cached.withLock({ $0 }) {
            var appender = state
            let batch = try appender.append(events, time: time, hasher: MerkleHasher())
            if let receipts = try await appendOptimistically(batch) {
                cached.withLock { $0 = appender }
                return receipts
            }
            cached.withLock { $0 = nil }
        }
        return try await appendLocked(events, time: time)
    }

    /// The most events in one statement.
    static let maximumStatementBatch = 1024

    /// The single-statement path: inserts entries and nodes at the cached position; a concurrent appender makes it
    /// fail on a primary key (so nothing is written). Returns `nil` when it did not apply.
    private func appendOptimistically(_ batch: Appender.Batch) async throws -> [AuditReceipt]? {
        let tables = self.tables
        let (sql, parameters) = Self.insertStatement(batch, tables: tables)
        do {
            let inserted = try await pool.withConnection { db -> Int64 in
                try db.execute(sql, parameters, prepare: true).singleRow()?["inserted"].int64 ?? 0
            }
            guard inserted == Int64(batch.entries.count) else { return nil }
            return batch.entries.map { AuditReceipt(index: $0.index, leafHash: $0.leafHash) }
        } catch let error as PostgresError where error.isUniqueViolation {
            return nil
        } catch {
            throw AuditError(.storageFailure, "a PostgreSQL operation on the audit log failed")
        }
    }

    /// The locking path: the advisory lock, the last entry and the right edge, then the inserts, in one transaction.
    /// The advisory lock orders locking appenders; another process's single-statement append (which does not take
    /// the lock) can still take index `size` between the read and the insert. The insert then fails on the primary
    /// key, the transaction rolls back having written nothing, and the append is retried from a fresh read.
    private func appendLocked(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] {
        for _ in 0..<Self.maximumAttempts {
            if let receipts = try await appendLockedOnce(events, time: time) { return receipts }
        }
        throw AuditError(.storageFailure, "the append lost every race for the next index")
    }

    /// Attempts of the locking path before giving up (each loses only to a concurrent append that succeeded).
    static let maximumAttempts = 64

    private func appendLockedOnce(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt]? {
        let tables = self.tables
        let lockKey = self.lockKey
        let result: ([AuditReceipt], Appender)
        do {
            result = try await self.pool.transaction { db -> ([AuditReceipt], Appender) in
                try db.execute("SELECT pg_advisory_xact_lock($1)", [.int64(lockKey)])
                let last = try db.execute("SELECT idx, leaf_hash FROM \(tables.entries) ORDER BY idx DESC LIMIT 1").singleRow()
                let size = UInt64(last.flatMap { $0["idx"].int64 }.map { $0 + 1 } ?? 0)
                let lastLeaf = last.flatMap { $0["leaf_hash"].bytes }.flatMap { TreeHash(bytes: $0) } ?? .zero
                let edge = try Self.readNodes(Appender.decompositionAddresses(size: size), tables: tables, db: db)
                var appender = try Appender(size: size, lastLeafHash: lastLeaf, decompositionNodes: edge)
                let batch = try appender.append(events, time: time, hasher: MerkleHasher())
                let (sql, parameters) = Self.insertStatement(batch, tables: tables)
                let inserted = try db.execute(sql, parameters).singleRow()?["inserted"].int64 ?? 0
                guard inserted == Int64(batch.entries.count) else { throw AuditError(.storageFailure, "the append did not apply") }
                return (batch.entries.map { AuditReceipt(index: $0.index, leafHash: $0.leafHash) }, appender)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            return nil
        } catch let error as AuditError {
            throw error
        } catch let error as TreeError {
            throw error
        } catch {
            throw AuditError(.storageFailure, "a PostgreSQL operation on the audit log failed")
        }
        cached.withLock { $0 = result.1 }
        return result.0
    }

    /// One statement inserting a batch's entries and (level ≥ 1) nodes with data-modifying CTEs. Returns the
    /// number of entries inserted as `inserted`.
    static func insertStatement(_ batch: Appender.Batch, tables: Tables) -> (String, [PostgresValue]) {
        var parameters: [PostgresValue] = []
        func placeholder(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        let entryRows = batch.entries.map { "(\(placeholder(.int64(Int64($0.index))))::bigint, \(placeholder(.bytea($0.bytes)))::bytea, \(placeholder(.bytea($0.leafHash.bytes)))::bytea)" }
        // Level 0 is the entries' leaf_hash column.
        let nodeRows = batch.nodes.filter { $0.address.level > 0 }.map {
            "(\(placeholder(.int16(Int16($0.address.level))))::smallint, \(placeholder(.int64(Int64($0.address.index))))::bigint, \(placeholder(.bytea($0.hash.bytes)))::bytea)"
        }
        var parts = ["new_entries AS (INSERT INTO \(tables.entries) (idx, entry, leaf_hash) VALUES \(entryRows.joined(separator: ", ")) RETURNING idx)"]
        if !nodeRows.isEmpty {
            parts.append("new_nodes AS (INSERT INTO \(tables.nodes) (level, idx, hash) VALUES \(nodeRows.joined(separator: ", ")) RETURNING idx)")
        }
        return ("WITH " + parts.joined(separator: ", ") + " SELECT count(*) AS inserted FROM new_entries", parameters)
    }

    /// Records beyond the tree: a node row that no size of the log completes (the writer role can insert rows, and
    /// such a row would block every later append at that position). Entry gaps show up in the scan itself.
    public func integrity() async throws -> StoreIntegrity {
        let size = try await self.size()
        let table = tables.nodes
        let stray = try await run {
            try await self.pool.withConnection { db -> UInt64? in
                var lowest: UInt64?
                for level in 0..<64 {
                    // Level 0 lives in the entries table: any level-0 row here is stray.
                    let first = level == 0 ? 0 : Int64(size >> UInt64(level))
                    guard let row = try db.execute("SELECT min(idx) AS idx FROM \(table) WHERE level = $1 AND idx >= $2",
                                                   [.int16(Int16(level)), .int64(first)], prepare: true).singleRow(),
                          let index = row["idx"].int64 else { continue }
                    let (leaf, overflow) = UInt64(index).multipliedReportingOverflow(by: UInt64(1) << UInt64(level))
                    let candidate = overflow ? UInt64.max : leaf
                    lowest = min(lowest ?? candidate, candidate)
                }
                return lowest
            }
        }
        var integrity = StoreIntegrity()
        integrity.strayRecordIndex = stray
        return integrity
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
            let rows = first.level == 0
                ? try db.execute("SELECT idx, leaf_hash AS hash FROM \(tables.entries) WHERE idx >= $1 AND idx < $2 ORDER BY idx",
                                 [.int64(Int64(first.index)), .int64(Int64(first.index) + Int64(end - position))]).rows
                : try db.execute("SELECT idx, hash FROM \(tables.nodes) WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
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
