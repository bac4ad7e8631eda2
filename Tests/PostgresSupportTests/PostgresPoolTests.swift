import PostgresTestSupport
import PostgresSupport
import Testing

@Suite("PostgreSQL pool")
struct PostgresPoolTests {
    @Test("Hundreds of concurrent tasks share a small pool and every write lands")
    func concurrency() async throws {
        let pool = PostgresPool(url: try TestDatabase.url(), maximumConnections: 4)
        defer { pool.close() }
        let table = TestDatabase.uniqueName("pool")
        try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY, v bytea)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<400 {
                group.addTask {
                    _ = try await pool.withConnection { db in
                        try db.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(Int64(index)), .bytea([UInt8(index & 0xff)])])
                    }
                }
            }
            try await group.waitForAll()
        }
        let count = try await pool.withConnection { try $0.execute("SELECT count(*) AS n FROM \(table)").rows[0]["n"].int64 }
        #expect(count == 400)
        try await pool.withConnection { try $0.execute("DROP TABLE \(table)") }
    }

    @Test("Serializable conflicts are retried until both increments land")
    func retriesSerializationFailures() async throws {
        let pool = PostgresPool(url: try TestDatabase.url(), maximumConnections: 8)
        defer { pool.close() }
        let table = TestDatabase.uniqueName("counter")
        try await pool.withConnection { db in
            try db.execute("CREATE TABLE \(table) (id int PRIMARY KEY, n int8 NOT NULL)")
            try db.execute("INSERT INTO \(table) VALUES (1, 0)")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    _ = try await pool.transaction(isolation: .serializable, attempts: 100) { tx in
                        let current = try tx.execute("SELECT n FROM \(table) WHERE id = 1").rows[0]["n"].int64 ?? 0
                        try tx.execute("UPDATE \(table) SET n = $1 WHERE id = 1", [.int64(current + 1)])
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = try await pool.withConnection { try $0.execute("SELECT n FROM \(table) WHERE id = 1").rows[0]["n"].int64 }
        #expect(total == 20)
        try await pool.withConnection { try $0.execute("DROP TABLE \(table)") }
    }

    @Test("A closed pool refuses checkouts")
    func closedPool() async throws {
        let pool = PostgresPool(url: try TestDatabase.url(), maximumConnections: 1)
        pool.close()
        await #expect(throws: PostgresError.self) { try await pool.withConnection { try $0.execute("SELECT 1") } }
    }
}
