@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// The embedded store: appends, reopening, proofs, torn tails, tampering found by `verify`.
@Suite("File audit store")
struct FileStoreTests {
    @Test func appendReopenProveAndVerify() async throws {
        let directory = temporaryDirectory()
        let signer = try testSigner()
        var receipts: [AuditReceipt] = []
        let memory = MemoryTree()
        do {
            let store = try FileAuditStore(directory: directory)
            let log = AuditLog(store: store, signer: signer, clock: { 1_795_000_000_000 })
            // Concurrent appends are group-committed and keep one order.
            receipts = try await withThrowingTaskGroup(of: AuditReceipt.self) { group in
                for n in 0..<300 { group.addTask { try await log.append(sampleEvent(n)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }.sorted { $0.index < $1.index }
            #expect(receipts.map(\.index) == Array(0..<300))
            try await log.publishCheckpoint()
            receipts += try await log.append(contentsOf: (300..<333).map { sampleEvent($0) })
            try await log.publishCheckpoint()
            store.close()
        }
        // Reopen: everything is there, the chain holds, every proof verifies against the checkpoint.
        let store = try FileAuditStore(directory: directory)
        #expect(try await store.size() == 333)
        let entries = try await store.entries(from: 0, count: 1000)
        for (index, bytes) in entries.enumerated() {
            #expect(memory.append(entry: bytes) == receipts[index].leafHash)
            #expect(try AuditEntry(decoding: bytes).index == UInt64(index))
        }
        let log = AuditLog(store: store, signer: signer)
        let checkpoint = try #require(try await log.latestCheckpoint())
        #expect(checkpoint.checkpoint.size == 333 && checkpoint.checkpoint.root == memory.root)
        let hasher = MerkleHasher()
        for index in stride(from: UInt64(0), to: 333, by: 17) {
            let proof = try await log.inclusionProof(index: index, size: 333)
            #expect(proof == (try memory.inclusionProof(index: index, size: 333)))
            try MerkleProofs.verifyInclusion(index: index, size: 333, leafHash: receipts[Int(index)].leafHash, proof: proof, root: checkpoint.checkpoint.root, hasher: hasher)
        }
        let old = try memory.root(size: 300)
        let consistency = try await log.consistencyProof(oldSize: 300, newSize: 333)
        try MerkleProofs.verifyConsistency(oldSize: 300, newSize: 333, oldRoot: old, newRoot: memory.root, proof: consistency, hasher: hasher)
        // An offline bundle verifies with only the verifier key.
        let bundle = try ProofBundle(parsing: try await log.proofBundle(index: 42).serialized)
        let (_, entry) = try bundle.verify(logVerifier: signer.verifier)
        #expect(entry?.event == sampleEvent(42))
        let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.isValid && report.entries == 333 && report.checkpointsVerified == 2)
    }

    @Test func aSecondProcessIsLockedOut() throws {
        let directory = temporaryDirectory()
        let first = try FileAuditStore(directory: directory)
        #expect(throws: AuditError.self) { try FileAuditStore(directory: directory) }
        _ = first
    }

    @Test func tornTailsAreQuarantinedAndCut() async throws {
        let directory = temporaryDirectory()
        let signer = try testSigner()
        do {
            let store = try FileAuditStore(directory: directory)
            _ = try await store.append((0..<10).map { sampleEvent($0) }, time: 1)
            store.close()
        }
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".seg") })
        let path = directory.appendingPathComponent(segment).path
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        // Half of an 11th record, as a crash mid-write leaves it.
        try (original + Data([0, 0, 1, 0, 0x43, 0x53])).write(to: URL(fileURLWithPath: path))
        // Lost node files (derived data) are rebuilt too.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("nodes-01.bin"))
        let store = try FileAuditStore(directory: directory)
        #expect(try await store.size() == 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.contains(".torn-") })
        _ = try await store.append([sampleEvent(10)], time: 2)
        let log = AuditLog(store: store, signer: signer)
        try await log.publishCheckpoint()
        #expect(try await AuditVerifier.verify(store: store, logVerifier: signer.verifier).isValid)
    }
}
