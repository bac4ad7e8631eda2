@testable import AuditLog
import AuditLogPostgres
import CryptoPrimitives
import Foundation
import PostgresSupport
import PostgresTestSupport
import Testing

/// The PostgreSQL store on the suite's throwaway server: the writer role's limits, several appending processes,
/// and a superuser's SQL tampering found by `verify`.
@Suite("PostgreSQL audit store")
struct PostgresStoreTests {
    /// A fresh log: its own table prefix and writer role; returns the writer's URL and the prefix.
    static func install() async throws -> (writerURL: String, prefix: String, role: String) {
        let prefix = TestDatabase.uniqueName("audit")
        let role = TestDatabase.uniqueName("audit_writer")
        let admin = try TestDatabase.connect()
        try admin.execute("CREATE ROLE \(role) LOGIN")
        admin.close()
        try await PostgresAuditStore.install(url: try TestDatabase.url(), prefix: prefix, writerRole: role)
        let url = try TestDatabase.url()
        guard let at = url.range(of: "@"), let scheme = url.range(of: "://") else { throw AuditError(.storageFailure) }
        return (url.replacingCharacters(in: scheme.upperBound..<at.lowerBound, with: role), prefix, role)
    }

    @Test func writerMayOnlyInsertAndSelect() async throws {
        let (writerURL, prefix, _) = try await Self.install()
        let store = try PostgresAuditStore(url: writerURL, prefix: prefix)
        defer { store.close() }
        _ = try await store.append([sampleEvent(1), sampleEvent(2)], time: 1)
        let writer = try PostgresConnection(url: writerURL)
        defer { writer.close() }
        for statement in ["UPDATE \(prefix)_entries SET entry = entry", "DELETE FROM \(prefix)_entries", "TRUNCATE \(prefix)_entries",
                          "UPDATE \(prefix)_nodes SET hash = hash", "DELETE FROM \(prefix)_checkpoints", "DROP TABLE \(prefix)_entries"] {
            #expect(throws: PostgresError.self, "\(statement)") { try writer.execute(statement) }
        }
        // Even the owner cannot change rows while the triggers stand.
        let owner = try TestDatabase.connect()
        defer { owner.close() }
        #expect(throws: PostgresError.self) { try owner.execute("UPDATE \(prefix)_entries SET entry = entry") }
        #expect(throws: PostgresError.self) { try owner.execute("DELETE FROM \(prefix)_nodes") }
        #expect(throws: PostgresError.self) { try owner.execute("TRUNCATE \(prefix)_checkpoints") }
        #expect(try await store.size() == 2)
    }

    @Test func severalProcessesAppendInOneOrder() async throws {
        let (writerURL, prefix, _) = try await Self.install()
        let signer = try testSigner()
        // Three stores with their own pools stand for three processes.
        let stores = try (0..<3).map { _ in try PostgresAuditStore(url: writerURL, prefix: prefix, maximumConnections: 2) }
        defer { stores.forEach { $0.close() } }
        let logs = stores.map { AuditLog(store: $0, signer: signer) }
        let receipts = try await withThrowingTaskGroup(of: AuditReceipt.self) { group in
            for n in 0..<240 { group.addTask { try await logs[n % 3].append(sampleEvent(n)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(receipts.map(\.index)) == Set(0..<240), "gapless, no index twice")
        try await logs[1].publishCheckpoint()
        let report = try await AuditVerifier.verify(store: stores[2], logVerifier: signer.verifier)
        #expect(report.isValid && report.entries == 240 && report.checkpointsVerified == 1)
        // Proofs from one process verify against the checkpoint another published.
        let checkpoint = try #require(try await logs[0].latestCheckpoint())
        let proof = try await logs[2].inclusionProof(index: 123, size: 240)
        let leaf = try #require(receipts.first { $0.index == 123 }).leafHash
        try MerkleProofs.verifyInclusion(index: 123, size: 240, leafHash: leaf, proof: proof, root: checkpoint.checkpoint.root, hasher: MerkleHasher())
    }

    /// Stores that each appended before (so each holds a cached position and tries the single-statement path)
    /// race one another: a stale position loses on the primary key and falls back to the locking path, and a
    /// locking append that loses to a single-statement one retries. No append fails, none is lost or doubled.
    @Test func cachedAndLockingAppendsRace() async throws {
        let (writerURL, prefix, _) = try await Self.install()
        let stores = try (0..<4).map { _ in try PostgresAuditStore(url: writerURL, prefix: prefix, maximumConnections: 2) }
        defer { stores.forEach { $0.close() } }
        var expected = 0
        for round in 0..<6 {
            let receipts = try await withThrowingTaskGroup(of: [AuditReceipt].self) { group in
                for (number, store) in stores.enumerated() {
                    group.addTask {
                        var receipts: [AuditReceipt] = []
                        for n in 0..<25 { receipts += try await store.append([sampleEvent(round * 1000 + number * 100 + n)], time: 1_795_000_000_000) }
                        return receipts
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            expected += 100
            #expect(receipts.count == 100)
            #expect(try await stores[0].size() == UInt64(expected))
        }
        // Without a checkpoint nothing is proven; with one, everything verifies.
        #expect(try await AuditVerifier.verify(store: stores[1], logVerifier: try testSigner().verifier).problem?.kind == .unproven)
        try await AuditLog(store: stores[2], signer: try testSigner()).publishCheckpoint()
        let report = try await AuditVerifier.verify(store: stores[1], logVerifier: try testSigner().verifier)
        #expect(report.isValid && report.entries == UInt64(expected) && report.provenSize == UInt64(expected))
    }

    enum Edit: String, CaseIterable, CustomTestStringConvertible {
        case modify, delete, insert, reorder, truncate, replaceCheckpoint, modifyNode, deleteNode, strayNode, junkCheckpoint
        var testDescription: String { rawValue }
    }

    /// A superuser disables the triggers for the session (`session_replication_role = replica`) and edits rows.
    @Test(arguments: Edit.allCases)
    func superuserEditsAreFoundAndNamed(edit: Edit) async throws {
        let (writerURL, prefix, _) = try await Self.install()
        let signer = try testSigner()
        let store = try PostgresAuditStore(url: writerURL, prefix: prefix)
        defer { store.close() }
        let log = AuditLog(store: store, signer: signer, clock: { 1_795_000_000_000 })
        _ = try await log.append(contentsOf: (0..<20).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        _ = try await log.append(contentsOf: (20..<40).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        #expect(try await AuditVerifier.verify(store: store, logVerifier: signer.verifier).isValid)

        let admin = try TestDatabase.connect()
        defer { admin.close() }
        try admin.execute("SET session_replication_role = replica")
        func entry(_ index: Int) throws -> [UInt8] {
            try #require(try admin.execute("SELECT entry FROM \(prefix)_entries WHERE idx = $1", [.int64(Int64(index))]).singleRow()?["entry"].bytes)
        }
        let expected: AuditVerifier.Problem
        switch edit {
        case .modify:
            let original = try AuditEntry(decoding: try entry(13))
            var event = original.event
            event.resource = "conversation/other"
            let bytes = try AuditEntry(index: 13, timeMilliseconds: original.timeMilliseconds, previousLeafHash: original.previousLeafHash, event: event).encoded()
            try admin.execute("UPDATE \(prefix)_entries SET entry = $1, leaf_hash = $2 WHERE idx = 13", [.bytea(bytes), .bytea(MerkleHasher().leafHash(bytes).bytes)])
            expected = .init(index: 13, kind: .chainBroken)
        case .delete:
            try admin.execute("DELETE FROM \(prefix)_entries WHERE idx = 25")
            expected = .init(index: 25, kind: .indexMismatch)
        case .insert:
            // Shift 30… up by one and put a forged entry 30 in the gap.
            try admin.execute("UPDATE \(prefix)_entries SET idx = idx + 1000 WHERE idx >= 30")
            try admin.execute("UPDATE \(prefix)_entries SET idx = idx - 999 WHERE idx >= 1000")
            let forged = try AuditEntry(index: 30, timeMilliseconds: 1, previousLeafHash: MerkleHasher().leafHash(try entry(29)), event: sampleEvent(7)).encoded()
            try admin.execute("INSERT INTO \(prefix)_entries (idx, entry, leaf_hash) VALUES (30, $1, $2)", [.bytea(forged), .bytea(MerkleHasher().leafHash(forged).bytes)])
            expected = .init(index: 31, kind: .indexMismatch)
        case .reorder:
            let (a, b) = (try entry(7), try entry(8))
            try admin.execute("UPDATE \(prefix)_entries SET entry = $1 WHERE idx = 7", [.bytea(b)])
            try admin.execute("UPDATE \(prefix)_entries SET entry = $1 WHERE idx = 8", [.bytea(a)])
            expected = .init(index: 7, kind: .indexMismatch)
        case .truncate:
            try admin.execute("DELETE FROM \(prefix)_entries WHERE idx >= 35")
            try admin.execute("DELETE FROM \(prefix)_nodes WHERE idx * (1::bigint << level) + (1::bigint << level) > 35")
            expected = .init(index: 35, kind: .truncated)
        case .replaceCheckpoint:
            let forger = try NoteSigner(name: signer.name, privateKey: try Ed25519.PrivateKey())
            let forged = try SignedCheckpoint(signing: try Checkpoint(origin: signer.name, size: 40, root: MerkleHasher.emptyRoot), with: forger)
            try admin.execute("UPDATE \(prefix)_checkpoints SET note = $1 WHERE size = 40", [.text(forged.serialized)])
            expected = .init(index: 40, kind: .badCheckpointSignature)
        case .modifyNode:
            try admin.execute("UPDATE \(prefix)_nodes SET hash = $1 WHERE level = 2 AND idx = 3", [.bytea([UInt8](repeating: 9, count: 32))])
            expected = .init(index: 12, kind: .nodeMismatch)
        case .deleteNode:
            // A missing node is a finding, not an error that stops verify.
            try admin.execute("DELETE FROM \(prefix)_nodes WHERE level = 1 AND idx = 9")
            expected = .init(index: 18, kind: .nodeMismatch)
        case .strayNode:
            // Inserted by the writer role itself (INSERT is all it may do): a node no size completes. It would block
            // the append that reaches it; verify names it.
            let writer = try PostgresConnection(url: writerURL)
            defer { writer.close() }
            try writer.execute("INSERT INTO \(prefix)_nodes (level, idx, hash) VALUES (3, 7, $1)", [.bytea([UInt8](repeating: 1, count: 32))])
            expected = .init(index: 56, kind: .strayRecords)
        case .junkCheckpoint:
            // The writer inserts an unsigned checkpoint row (undeletable): reported, but it never hides the entries'
            // problems (here: none) or the proven size.
            let writer = try PostgresConnection(url: writerURL)
            defer { writer.close() }
            try writer.execute("INSERT INTO \(prefix)_checkpoints (size, note) VALUES (0, 'junk')")
            expected = .init(index: 0, kind: .badCheckpointSignature)
        }
        let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.problem == expected, "\(edit): \(String(describing: report.problem))")
        if edit == .junkCheckpoint || edit == .strayNode { #expect(report.provenSize == 40) }
    }
}
