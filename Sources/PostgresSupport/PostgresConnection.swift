import CLibpq
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to PostgreSQL through libpq, used from one thread at a time (calls are serialized by a lock).
///
/// Statements are always parameterized (`$1`, `$2`, …; one statement per call, so parameters can never turn
/// into SQL) and use the binary format both ways: `bytea` values travel as raw bytes. Calls block the calling
/// thread; async code uses ``PostgresPool``, which runs them off the cooperative thread pool.
public final class PostgresConnection: @unchecked Sendable {
    // Safety: `handle` is only touched while `lock` is held.
    private let lock = NSLock()
    private var handle: OpaquePointer?
    /// Statements prepared on this connection (SQL text → server-side name).
    private var prepared: [String: String] = [:]
    /// The most statements one connection keeps prepared; later ones run unprepared.
    static let maximumPreparedStatements = 256

    /// Connects with a libpq connection URI (`postgresql://user:password@host:port/database?sslmode=…`) or a
    /// `key=value` connection string.
    ///
    /// - Throws: ``PostgresError/Code/connectionFailed``. The error never contains the URL (it may hold a
    ///   password).
    public init(url: String) throws {
        guard !url.utf8.contains(0) else { throw PostgresError(.invalidParameter, "connection string contains NUL") }
        guard let connection = PQconnectdb(url) else {
            throw PostgresError(.connectionFailed, "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let detail = Self.endpoint(connection)
            PQfinish(connection)
            throw PostgresError(.connectionFailed, "could not connect to PostgreSQL", connectionDetail: detail)
        }
        handle = connection
        // Notices (warnings sent by the server) go nowhere rather than to stderr: they may quote values.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        _ = try execute("SET client_encoding TO 'UTF8'")
        // A commit is acknowledged only once its WAL is flushed, whatever the server's, database's or role's
        // default: callers report writes as durable when the commit returns.
        _ = try execute("SET synchronous_commit TO on")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection. Later calls throw ``PostgresError/Code/connectionClosed``.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection is open and healthy.
    public var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Runs one statement with parameters `$1…$n` and returns its rows. With `prepare`, the statement is parsed
    /// and planned once per connection (the SQL text is the key; use it for statements run again and again).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = [], prepare: Bool = false) throws -> PostgresResult {
        lock.lock()
        defer { lock.unlock() }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionClosed, "the connection is closed")
        }
        guard !sql.utf8.contains(0) else { throw PostgresError(.invalidParameter, "statement contains NUL") }
        guard parameters.count <= 65535 else { throw PostgresError(.invalidParameter, "too many parameters") }
        let encoded = try parameters.map(PostgresBinaryCodec.encode)
        guard encoded.allSatisfy({ ($0?.count ?? 0) <= Self.maximumParameterByteCount }) else {
            throw PostgresError(.invalidParameter, "parameter larger than 1 GiB")
        }
        let types = parameters.map { Oid($0.oid) }
        let lengths = encoded.map { Int32($0?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: parameters.count)
        var statementName = prepare ? prepared[sql] : nil
        if prepare, statementName == nil, prepared.count < Self.maximumPreparedStatements {
            let name = "chatsec_s\(prepared.count)"
            guard let preparation = PQprepare(handle, name, sql, Int32(parameters.count), types) else {
                throw PostgresError(.connectionClosed, "no result: the connection broke")
            }
            defer { PQclear(preparation) }
            guard PQresultStatus(preparation) == PGRES_COMMAND_OK else { throw Self.serverError(preparation) }
            prepared[sql] = name
            statementName = name
        }
        let result = withParameterPointers(encoded) { pointers in
            if let statementName {
                return PQexecPrepared(handle, statementName, Int32(parameters.count), pointers, lengths, formats, 1)
            }
            return PQexecParams(handle, sql, Int32(parameters.count), types, pointers, lengths, formats, 1)
        }
        guard let result else {
            throw PostgresError(.connectionClosed, "no result: the connection broke")
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return try Self.read(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // COPY is not supported: the connection is mid-protocol now, so it is closed rather than reused.
            PQfinish(handle)
            self.handle = nil
            throw PostgresError(.invalidParameter, "COPY statements are not supported")
        default:
            guard PQstatus(handle) == CONNECTION_OK else {
                throw PostgresError(.connectionClosed, "the connection broke during the statement")
            }
            throw Self.serverError(result)
        }
    }

    /// PostgreSQL's largest field value.
    static let maximumParameterByteCount = 1 << 30

    /// Whether the connection is idle outside any transaction (safe to hand to another user).
    var isIdleOutsideTransaction: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    private var isInFailedTransaction: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return false }
        return PQtransactionStatus(handle) == PQTRANS_INERROR
    }

    /// Runs `body` in a transaction: `BEGIN` with the isolation level, then `COMMIT`, or `ROLLBACK` if `body`
    /// throws (the error is rethrown). A failed commit throws, and so does a transaction in which a statement
    /// failed even though `body` caught the error (``PostgresError/Code/transactionFailed``): nothing of it was
    /// committed.
    @discardableResult
    public func transaction<Result>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        try execute("BEGIN ISOLATION LEVEL \(isolation.sql)")
        let value: Result
        do {
            value = try body(self)
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        // A statement that failed inside `body` (and was caught there) aborted the transaction; PostgreSQL
        // would answer COMMIT with ROLLBACK and no error, so refuse to report success.
        if isInFailedTransaction {
            _ = try? execute("ROLLBACK")
            throw PostgresError(.transactionFailed, "a statement failed inside the transaction; it was rolled back")
        }
        do {
            try execute("COMMIT")
        } catch let error as PostgresError {
            _ = try? execute("ROLLBACK")
            throw error
        }
        return value
    }

    /// Transaction isolation levels.
    public enum IsolationLevel: Sendable {
        /// READ COMMITTED (PostgreSQL's default).
        case readCommitted
        /// REPEATABLE READ.
        case repeatableRead
        /// SERIALIZABLE.
        case serializable

        var sql: String {
            switch self {
            case .readCommitted: "READ COMMITTED"
            case .repeatableRead: "REPEATABLE READ"
            case .serializable: "SERIALIZABLE"
            }
        }
    }

    // MARK: - Private

    private func withParameterPointers<R>(_ values: [[UInt8]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        // Copy every value into one buffer that outlives the call; NULL stays a nil pointer.
        let total = values.reduce(0) { $0 + ($1?.count ?? 0) + 1 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(total, 1), alignment: 1)
        defer { buffer.deallocate() }
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(values.count)
        guard let base = buffer.baseAddress else { return body(values.map { _ in nil }) }
        // The copy may hold secrets (ciphertext keys, plaintext): wipe it before freeing.
        defer { wipe(buffer) }
        var offset = 0
        for value in values {
            guard let value else {
                pointers.append(nil)
                continue
            }
            let start = base.advanced(by: offset)
            value.withUnsafeBytes { source in
                if let base = source.baseAddress, source.count > 0 { start.copyMemory(from: base, byteCount: source.count) }
            }
            pointers.append(UnsafePointer(start.assumingMemoryBound(to: CChar.self)))
            offset += value.count + 1
        }
        return body(pointers)
    }

    private static func read(_ result: OpaquePointer) throws -> PostgresResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [String] = []
        var oids: [UInt32] = []
        var index: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = PQfname(result, Int32(column)).map { String(cString: $0) } ?? ""
            columns.append(name)
            if index[name] == nil { index[name] = column }
            oids.append(UInt32(PQftype(result, Int32(column))))
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [PostgresValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                guard let pointer = PQgetvalue(result, Int32(row), Int32(column)) else {
                    throw PostgresError(.unexpectedResult, "missing column value")
                }
                values.append(try PostgresBinaryCodec.decode(oid: oids[column], bytes: UnsafeRawBufferPointer(start: pointer, count: length)))
            }
            rows.append(PostgresRow(values: values, columnIndex: index))
        }
        let affected = PQcmdTuples(result).map { Int(String(cString: $0)) ?? 0 } ?? 0
        return PostgresResult(columns: columns, rows: rows, affectedRows: affected)
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let sqlState = field(Int32(UInt8(ascii: "C")))
        return PostgresError(
            .queryFailed,
            "the server rejected the statement",
            sqlState: sqlState,
            constraintName: field(Int32(UInt8(ascii: "n"))),
            tableName: field(Int32(UInt8(ascii: "t"))),
            columnName: field(Int32(UInt8(ascii: "c")))
        )
    }

    /// `host:port` of a connection attempt. libpq's error text is never kept: it can quote the connection URI
    /// (password included) and the server's messages.
    private static func endpoint(_ connection: OpaquePointer) -> String? {
        guard let host = PQhost(connection).map({ String(cString: $0) }), !host.isEmpty else { return nil }
        let port = PQport(connection).map { String(cString: $0) } ?? ""
        return port.isEmpty ? host : "\(host):\(port)"
    }
}

/// Zeroes memory in a way the compiler may not remove.
private func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    #if canImport(Glibc)
    explicit_bzero(base, buffer.count)
    #else
    _ = memset_s(base, buffer.count, 0, buffer.count)
    #endif
}
