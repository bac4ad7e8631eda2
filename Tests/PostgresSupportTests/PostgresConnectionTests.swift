import PostgresTestSupport
import PostgresSupport
import Testing

@Suite("PostgreSQL connection (libpq) against a real server")
struct PostgresConnectionTests {
    @Test("Every byte value round-trips through bytea in binary, and so do the other types")
    func roundTrips() throws {
        let db = try TestDatabase.connect()
        let allBytes = (0...255).map { UInt8($0) } + [0, 0, 0]
        let row = try #require(try db.execute(
            "SELECT $1::bytea AS b, $2::text AS t, $3::int8 AS i, $4::int4 AS j, $5::bool AS f, $6::float8 AS d, $7::timestamptz AS ts, $8::bytea AS n, $9::int2 AS s, $10::uuid AS u",
            [.bytea(allBytes), .text("héllo ✓ 𝄞"), .int64(.min), .int32(-7), .bool(true), .float64(-0.5),
             .timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456), .null, .int16(300), .uuid(Array(0..<16))]
        ).singleRow())
        #expect(row["b"].bytes == allBytes)
        #expect(row["t"].string == "héllo ✓ 𝄞")
        #expect(row["i"].int64 == .min)
        #expect(row["j"].int64 == -7)
        #expect(row["f"].bool == true)
        #expect(row["d"].double == -0.5)
        #expect(row["ts"].microsecondsSinceEpoch == 1_700_000_000_123_456)
        #expect(row["n"].isNull)
        #expect(row["s"].int == 300)
        #expect(row["u"].bytes == Array(0..<16))
        #expect(try db.execute("SELECT now() AS now").rows[0]["now"].microsecondsSinceEpoch != nil)
        #expect(try db.execute("SELECT 'x'::varchar AS v").rows[0]["v"].string == "x")
    }

    @Test("Parameters are data, never SQL")
    func parametersAreData() throws {
        let db = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("injection")
        try db.execute("CREATE TEMP TABLE \(table) (name text)")
        let hostile = "x'); DROP TABLE \(table); --"
        try db.execute("INSERT INTO \(table) (name) VALUES ($1)", [.text(hostile)])
        #expect(try db.execute("SELECT name FROM \(table)").rows.map { $0["name"].string } == [hostile])
        // One statement per call: a second statement in the text is refused by the server.
        #expect(throws: PostgresError.self) { try db.execute("SELECT 1; SELECT 2", [.int32(1)]) }
        #expect(throws: PostgresError.self) { try db.execute("SELECT $1::text", [.text("a\u{0}b")]) }
    }

    @Test("Transactions commit, roll back on error, and report constraint names")
    func transactions() throws {
        let db = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("tx")
        try db.execute("CREATE TEMP TABLE \(table) (id int8 PRIMARY KEY, payload bytea NOT NULL)")
        try db.transaction { tx in
            try tx.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(1), .bytea([1])])
            try tx.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(2), .bytea([2])])
        }
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.transaction { tx in
                try tx.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(3), .bytea([3])])
                throw Abort()
            }
        }
        do {
            try db.transaction(isolation: .serializable) { tx in
                try tx.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(4), .bytea([4])])
                try tx.execute("INSERT INTO \(table) VALUES ($1, $2)", [.int64(1), .bytea([9])])
            }
            Issue.record("duplicate key accepted")
        } catch let error as PostgresError {
            #expect(error.code == .queryFailed)
            #expect(error.isUniqueViolation)
            #expect(error.constraintName == "\(table)_pkey")
        }
        #expect(try db.execute("SELECT id FROM \(table) ORDER BY id").rows.map { $0["id"].int64 } == [1, 2])
        #expect(try db.execute("DELETE FROM \(table) WHERE id = $1", [.int64(2)]).affectedRows == 1)
    }

    @Test("Errors never echo parameters or server text that quotes them")
    func errorsDoNotEchoParameters() throws {
        let db = try TestDatabase.connect()
        let secret = "4111111111111111-SSN-078-05-1120"
        let table = TestDatabase.uniqueName("echo")
        try db.execute("CREATE TEMP TABLE \(table) (k text PRIMARY KEY)")
        try db.execute("INSERT INTO \(table) VALUES ($1)", [.text(secret)])
        var texts: [String] = []
        for (sql, parameters) in [
            ("SELECT $1::int4", [PostgresValue.text(secret)]),          // invalid_text_representation quotes the value
            ("INSERT INTO \(table) VALUES ($1)", [.text(secret)]),       // unique_violation DETAIL quotes the key
            ("SELECT $1::bytea::text::int8", [.bytea(Array(secret.utf8))]),
        ] {
            do {
                try db.execute(sql, parameters)
                Issue.record("expected a failure")
            } catch {
                texts.append("\(error)")
                texts.append(String(reflecting: error))
            }
        }
        #expect(texts.count == 6)
        for text in texts {
            #expect(!text.contains("4111"), "\(text)")
            #expect(!text.contains("078-05"), "\(text)")
            #expect(text.hasPrefix("PostgresError.queryFailed (SQLSTATE "), "\(text)")
        }
        #expect(texts[0].contains("SQLSTATE 22"))  // data exception class (22003 or 22P02)
        #expect(texts[2].contains("23505") && texts[2].contains("unique_violation"))
    }

    @Test("Bad URLs and closed connections are typed errors; the URL never appears in them")
    func connectionErrors() throws {
        let password = "hunter2-not-in-errors"
        do {
            _ = try PostgresConnection(url: "postgresql://nobody:\(password)@127.0.0.1:1/none?connect_timeout=2")
            Issue.record("connected to port 1")
        } catch let error as PostgresError {
            #expect(error.code == .connectionFailed)
            #expect(!"\(error)".contains(password))
            #expect(!String(reflecting: error).contains(password))
        }
        #expect(throws: PostgresError.self) { try PostgresConnection(url: "not a url \u{0}") }
        let db = try TestDatabase.connect()
        db.close()
        #expect(!db.isOpen)
        #expect(throws: PostgresError.self) { try db.execute("SELECT 1") }
    }
}

@Suite("PostgreSQL wrapper: failure modes found in review")
struct PostgresFailureModeTests {
    @Test("A URL libpq cannot parse never puts its text (password included) into the error")
    func malformedURLDoesNotLeak() throws {
        let password = "s3cr%ZZet-password"
        for url in ["postgresql://user:\(password)@127.0.0.1:5432/db", "postgresql://user:\(password)@[::1/db", "host=127.0.0.1 password='\(password)' port=notaport"] {
            do {
                _ = try PostgresConnection(url: url)
                Issue.record("connected with a malformed URL")
            } catch {
                #expect(!"\(error)".contains("s3cr"))
                #expect(!String(reflecting: error).contains("s3cr"))
            }
        }
    }

    @Test("A statement that failed inside a transaction makes the commit fail instead of silently rolling back")
    func abortedTransactionIsNotReportedCommitted() throws {
        let db = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("aborted")
        try db.execute("CREATE TEMP TABLE \(table) (id int PRIMARY KEY)")
        do {
            try db.transaction { tx in
                try tx.execute("INSERT INTO \(table) VALUES (1)")
                _ = try? tx.execute("INSERT INTO \(table) VALUES (1)")  // fails; the caller swallows it
                _ = try? tx.execute("INSERT INTO \(table) VALUES (2)")
            }
            Issue.record("an aborted transaction was reported committed")
        } catch let error as PostgresError {
            #expect(error.code == .transactionFailed)
        }
        #expect(try db.execute("SELECT count(*) AS n FROM \(table)").rows[0]["n"].int64 == 0)
        // The connection is usable again.
        _ = try db.transaction { try $0.execute("INSERT INTO \(table) VALUES (3)") }
        #expect(try db.execute("SELECT count(*) AS n FROM \(table)").rows[0]["n"].int64 == 1)
    }

    @Test("COPY is refused and the connection is retired rather than reused mid-protocol")
    func copyIsRefused() throws {
        let db = try TestDatabase.connect()
        #expect(throws: PostgresError.self) { try db.execute("COPY (SELECT 1) TO STDOUT") }
        #expect(!db.isOpen)
    }
}

@Suite("PostgreSQL pool hygiene")
struct PostgresPoolHygieneTests {
    @Test("A connection returned inside an open transaction is not handed to the next caller")
    func dirtyConnectionIsDiscarded() async throws {
        let pool = PostgresPool(url: try TestDatabase.url(), maximumConnections: 1)
        defer { pool.close() }
        struct Abandon: Error {}
        await #expect(throws: Abandon.self) {
            try await pool.withConnection { db in
                try db.execute("BEGIN")
                try db.execute("SET LOCAL statement_timeout = 1")
                throw Abandon()
            }
        }
        // Inside the abandoned transaction statement_timeout would still be 1 ms; a clean connection has 0.
        let timeout = try await pool.withConnection { db in
            try db.execute("SELECT current_setting('statement_timeout') AS t").rows[0]["t"].string
        }
        #expect(timeout == "0")
    }
}
