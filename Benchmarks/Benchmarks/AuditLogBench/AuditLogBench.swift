// The audit log's costs, each beside the baseline Benchmarks/report.py divides it by (measured in the same run):
//
// - "Audit append in memory": MemoryTree.append of a ~100-byte entry (leaf hash, the nodes it completes, storing
//   them). Go's x/mod tlog (StoredHashes over the same kind of entries) is timed by report.py in the same run.
// - "Audit inclusion prove+verify": proof of a random leaf of a 100,000-entry tree, then its verification.
// - "Audit durable append, file store" vs "Raw fsync'd append of the same record": one awaited append (write and
//   fsync of its segment record) against writing the same framed bytes to a file and fsync-ing it.
// - "Audit durable append, PostgreSQL" vs "Plain INSERT of the same bytes" (when CHATSEC_BENCH_DATABASE_URL is
//   set; report.py starts a throwaway server): one append transaction against a one-row INSERT in autocommit.
// - "Audit verify, 1M entries" vs "SHA-256 over the same entry bytes".

import AuditLog
import AuditLogPostgres
import Benchmark
import CryptoPrimitives
import Foundation
import PostgresSupport

var fast: Benchmark.Configuration { .init(metrics: [.throughput, .wallClock], timeUnits: .nanoseconds, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 200) }
var durable: Benchmark.Configuration { .init(metrics: [.throughput, .wallClock], timeUnits: .microseconds, scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 2000) }
var heavy: Benchmark.Configuration { .init(metrics: [.wallClock], timeUnits: .milliseconds, scalingFactor: .one, maxDuration: .seconds(30), maxIterations: 3) }

func entryBytes(_ n: Int) -> [UInt8] {
    Array(String(format: "entry %08d with some payload bytes to hash, about one hundred bytes long in total.......", n).utf8)
}

func event(_ n: Int) -> AuditEvent {
    AuditEvent(tenant: "tenant-42", actor: "svc:chat-server", eventType: "message.read", outcome: .success,
               resource: "conversation/\(n)", requestID: "req-\(n)")
}

func temporary(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("audit-bench-\(name)-\(UUID().uuidString)")
}

/// Stores and files kept across iterations, so each measured append is a steady-state append (not the first
/// one of a fresh store, which also creates its segment and syncs the directory).
final class Shared: @unchecked Sendable {
    static let shared = Shared()
    private let lock = NSLock()
    private var fileStore: FileAuditStore?
    private var rawFile: FileHandle?
    private var postgresStore: PostgresAuditStore?
    private var plainPool: (PostgresPool, String)?
    var counter = 0

    func file() throws -> FileAuditStore {
        try lock.withLock {
            if let fileStore { return fileStore }
            let store = try FileAuditStore(directory: temporary("durable"))
            fileStore = store
            return store
        }
    }

    func raw() throws -> FileHandle {
        try lock.withLock {
            if let rawFile { return rawFile }
            let url = temporary("raw")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            rawFile = handle
            return handle
        }
    }

    func postgres(_ url: String) async throws -> PostgresAuditStore {
        if let store = lock.withLock({ postgresStore }) { return store }
        let prefix = "bench_" + String(UUID().uuidString.prefix(8)).lowercased()
        try await PostgresAuditStore.install(url: url, prefix: prefix, writerRole: nil)
        let store = try PostgresAuditStore(url: url, prefix: prefix, maximumConnections: 1)
        lock.withLock { postgresStore = store }
        return store
    }

    func plain(_ url: String) async throws -> (PostgresPool, String) {
        if let existing = lock.withLock({ plainPool }) { return existing }
        let table = "bench_plain_" + String(UUID().uuidString.prefix(8)).lowercased()
        let pool = PostgresPool(url: url, maximumConnections: 1)
        try await pool.withConnection { db in
            try db.execute("CREATE TABLE \(table) (idx bigint PRIMARY KEY, entry bytea NOT NULL, leaf_hash bytea NOT NULL)")
        }
        lock.withLock { plainPool = (pool, table) }
        return (pool, table)
    }

    func next() -> Int { lock.withLock { counter += 1; return counter } }
}

/// One million entries in a file store, built once.
final class MillionLog: @unchecked Sendable {
    static let shared = MillionLog()
    var store: FileAuditStore?
    var entries: [[UInt8]] = []
    let signer = try? NoteSigner.generate(name: "bench.chatsecurity/log")

    func prepare() async throws -> FileAuditStore {
        if let store { return store }
        let store = try FileAuditStore(directory: temporary("million"))
        for start in stride(from: 0, to: 1_000_000, by: 1000) {
            _ = try await store.append((start..<(start + 1000)).map(event), time: 1_795_000_000_000)
        }
        if let signer { try await AuditLog(store: store, signer: signer).publishCheckpoint() }
        entries = try await store.entries(from: 0, count: 1_000_000)
        self.store = store
        return store
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("Audit append in memory (100-byte entries)", configuration: fast) { benchmark in
        let tree = MemoryTree()
        let inputs = (0..<1000).map(entryBytes)
        benchmark.startMeasurement()
        var n = 0
        for _ in benchmark.scaledIterations {
            blackHole(tree.append(entry: inputs[n % 1000]))
            n += 1
        }
    }

    Benchmark("Audit inclusion prove+verify (100,000 entries)", configuration: fast) { benchmark in
        let tree = MemoryTree()
        for n in 0..<100_000 { tree.append(entry: entryBytes(n)) }
        let root = tree.root
        let hasher = MerkleHasher()
        let leaves = (0..<1000).map { hasher.leafHash(entryBytes($0 * 97)) }
        benchmark.startMeasurement()
        var i = 0
        for _ in benchmark.scaledIterations {
            let index = UInt64((i % 1000) * 97)
            let proof = try tree.inclusionProof(index: index, size: 100_000)
            try MerkleProofs.verifyInclusion(index: index, size: 100_000, leafHash: leaves[i % 1000], proof: proof, root: root, hasher: hasher)
            i += 1
        }
    }

    Benchmark("Audit durable append, file store", configuration: durable) { benchmark in
        let store = try Shared.shared.file()
        let n = Shared.shared.next()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await store.append([event(n)], time: 1_795_000_000_000))
        }
    }

    Benchmark("Raw fsync'd append of the same record", configuration: durable) { benchmark in
        let handle = try Shared.shared.raw()
        let entry = try AuditEntry(index: 0, timeMilliseconds: 1_795_000_000_000, previousLeafHash: .zero, event: event(0)).encoded()
        let framed = Data([0, 0, 0, UInt8(entry.count)] + entry + [UInt8](repeating: 0, count: 8))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try handle.seekToEnd()
            try handle.write(contentsOf: framed)
            try handle.synchronize()
        }
    }

    if let url = ProcessInfo.processInfo.environment["CHATSEC_BENCH_DATABASE_URL"] {
        Benchmark("Audit durable append, PostgreSQL", configuration: durable) { benchmark in
            let store = try await Shared.shared.postgres(url)
            let n = Shared.shared.next()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await store.append([event(n)], time: 1_795_000_000_000))
            }
        }

        Benchmark("Plain INSERT of the same bytes", configuration: durable) { benchmark in
            let (pool, table) = try await Shared.shared.plain(url)
            let entry = try AuditEntry(index: 0, timeMilliseconds: 1_795_000_000_000, previousLeafHash: .zero, event: event(0)).encoded()
            let leaf = MerkleHasher().leafHash(entry).bytes
            let index = Int64(Shared.shared.next())
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                try await pool.withConnection { db in
                    _ = try db.execute("INSERT INTO \(table) (idx, entry, leaf_hash) VALUES ($1, $2, $3)", [.int64(index), .bytea(entry), .bytea(leaf)], prepare: true)
                }
            }
        }
    }

    Benchmark("Audit verify, 1M entries", configuration: heavy) { benchmark in
        let store = try await MillionLog.shared.prepare()
        guard let signer = MillionLog.shared.signer else { return }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
            precondition(report.isValid && report.entries == 1_000_000, "the benchmark log must verify")
        }
    }

    Benchmark("SHA-256 over the same 1M entries", configuration: heavy) { benchmark in
        _ = try await MillionLog.shared.prepare()
        let entries = MillionLog.shared.entries
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for entry in entries { blackHole(SHA256.hash(entry)) }
        }
    }
}
