@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// Crash recovery versus damage on the file store, read-only opens, derived nodes, the checkpoint log, and the
/// verifier's trust boundary when an insider tries to steer what it reports.
@Suite("File store recovery and the verifier's trust boundary")
struct RecoveryTests {
    /// A closed store: 10 entries in one batch, a checkpoint, then 5 single-entry batches.
    static func makeStore() async throws -> (URL, NoteSigner, String) {
        let directory = temporaryDirectory("recovery")
        let signer = try testSigner()
        let store = try FileAuditStore(directory: directory)
        let log = AuditLog(store: store, signer: signer, clock: { 1_795_000_000_000 })
        _ = try await log.append(contentsOf: (0..<10).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        for n in 10..<15 { _ = try await log.append(sampleEvent(n)) }
        try await log.publishCheckpoint()
        store.close()
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".seg") })
        return (directory, signer, directory.appendingPathComponent(segment).path)
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
    static func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    static func verify(_ directory: URL, _ signer: NoteSigner, mode: FileAuditStore.Mode = .readOnly, trusted: [String] = []) async throws -> AuditVerifier.Report {
        let store = try FileAuditStore(directory: directory, mode: mode)
        defer { store.close() }
        return try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, trustedCheckpoints: trusted)
    }

    @Test func tornLastBatchesAreCrashesNotTampering() async throws {
        let (directory, signer, segment) = try await Self.makeStore()
        let original = try Self.bytes(segment)
        // An unacknowledged write of 3 entries whose middle page never reached the disk (zeros), and one that
        // stopped half way: both are the last write, so both are torn writes.
        let extra = FileAuditStore.encodeBatches((0..<3).map { n in Array("unacknowledged \(n)".utf8) }).bytes
        var zeroed = extra
        for index in 20..<40 { zeroed[index] = 0 }
        for tail in [zeroed, Array(extra.prefix(extra.count / 2)), [0x43, 0x53]] {
            try Self.write(original + tail, segment)
            // Read-only: ignored, reported, not cut.
            let readOnly = try await Self.verify(directory, signer)
            #expect(readOnly.isValid && readOnly.entries == 15, "\(String(describing: readOnly.problem))")
            #expect(readOnly.notices.contains { $0.contains("incomplete write") })
            #expect(try Self.bytes(segment).count == original.count + tail.count)
            // Read-write: set aside and cut; the store appends again.
            let store = try FileAuditStore(directory: directory)
            #expect(try await store.size() == 15)
            #expect(try Self.bytes(segment) == original)
            #expect(try await store.integrity().notices.contains { $0.contains(".torn-") })
            store.close()
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".torn-") }
        #expect(names.count == 3)
    }

    @Test(arguments: [0, 3, 9, 11, 13])
    func damageBeforeValidBatchesIsNeverCut(record: Int) async throws {
        let (directory, signer, segment) = try await Self.makeStore()
        var bytes = try Self.bytes(segment)
        let offsets = try TamperTests.recordOffsets(segment)
        // A flip in the length field of an acknowledged record (a lying length), valid batches after it.
        bytes[offsets[record].offset - 2] ^= 0x10
        try Self.write(bytes, segment)
        for mode in [FileAuditStore.Mode.readOnly, .readWrite] {
            let store = try FileAuditStore(directory: directory, mode: mode)
            // Nothing cut, nothing set aside; the records before the damaged one stay readable.
            #expect(try Self.bytes(segment) == bytes)
            if record > 0 { #expect(try await store.entries(from: 0, count: 100).count == record) }
            await #expect(throws: AuditStoreReadError(index: UInt64(record))) { try await store.entries(from: UInt64(record), count: 1) }
            if mode == .readWrite {
                await #expect(throws: AuditError.self) { try await store.append([sampleEvent(99)], time: 1) }
            }
            let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
            #expect(report.problem == .init(index: UInt64(record), kind: .unreadableRecord))
            #expect(report.provenSize == (record >= 10 ? 10 : 0))
            store.close()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.contains(".torn-") })
    }

    @Test func readOnlyOpensNeverCreateOrLock() async throws {
        let missing = temporaryDirectory("missing")
        #expect(throws: AuditError.self) { try FileAuditStore(directory: missing, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        // A live store: the writer holds the lock, readers still verify; a reader cannot append or checkpoint.
        let directory = temporaryDirectory("live")
        let writer = try FileAuditStore(directory: directory)
        let signer = try testSigner()
        let log = AuditLog(store: writer, signer: signer)
        _ = try await log.append(contentsOf: (0..<50).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        let reader = try FileAuditStore(directory: directory, mode: .readOnly)
        let report = try await AuditVerifier.verify(store: reader, logVerifier: signer.verifier)
        #expect(report.isValid && report.entries == 50 && report.provenSize == 50)
        await #expect(throws: AuditError.self) { try await reader.append([sampleEvent(1)], time: 1) }
        await #expect(throws: AuditError.self) { try await reader.saveCheckpoint("x", size: 0) }
        writer.close()
    }

    @Test func editedNodeFilesNeverReachASignedRoot() async throws {
        let (directory, signer, _) = try await Self.makeStore()
        // A leaf node below the last checkpoint edited: verify names it; the log still signs the entries' root.
        let level0 = directory.appendingPathComponent("nodes-00.bin").path
        var nodes = try Self.bytes(level0)
        nodes[3 * 32] ^= 1
        try Self.write(nodes, level0)
        #expect(try await Self.verify(directory, signer).problem == .init(index: 3, kind: .nodeMismatch))
        do {
            let store = try FileAuditStore(directory: directory)
            let log = AuditLog(store: store, signer: signer)
            _ = try await log.append(contentsOf: (15..<20).map { sampleEvent($0) })
            let signed = try await log.publishCheckpoint()
            let entries = try await store.entries(from: 0, count: 20)
            let memory = MemoryTree()
            for entry in entries { memory.append(entry: entry) }
            #expect(signed.checkpoint.root == memory.root)
            store.close()
        }
        // Nodes after the last checkpoint (size 20) edited while the store is closed: recomputed on open.
        do {
            let store = try FileAuditStore(directory: directory)
            _ = try await AuditLog(store: store, signer: signer).append(contentsOf: (20..<24).map { sampleEvent($0) })
            store.close()
        }
        let level2 = directory.appendingPathComponent("nodes-02.bin").path
        var edge = try Self.bytes(level2)
        edge[5 * 32] ^= 1  // node (2, 5): entries 20–23, after the checkpoint
        try Self.write(edge, level2)
        do {
            let store = try FileAuditStore(directory: directory)
            let log = AuditLog(store: store, signer: signer)
            _ = try await log.append(contentsOf: (24..<30).map { sampleEvent($0) })
            try await log.publishCheckpoint()
            #expect(try Self.bytes(level2)[(5 * 32)..<(6 * 32)] != edge[(5 * 32)..<(6 * 32)], "recomputed and rewritten")
            // Edited under a running store (after a sync wrote them): the log refuses to sign.
            try await store.sync()
            var live = try Self.bytes(level2)
            live[6 * 32] ^= 1  // node (2, 6): entries 24–27
            try Self.write(live, level2)
            _ = try await log.append(sampleEvent(30))
            await #expect(throws: AuditError(.corrupted)) { try await log.publishCheckpoint() }
            store.close()
        }
    }

    @Test func checkpointLogDamageIsCountedNotCut() async throws {
        let (directory, signer, _) = try await Self.makeStore()
        let path = directory.appendingPathComponent("checkpoints.log").path
        var bytes = try Self.bytes(path)
        bytes[30] ^= 0x01  // inside the first record's note
        try Self.write(bytes, path)
        let store = try FileAuditStore(directory: directory)
        #expect(try Self.bytes(path) == bytes)
        #expect(try await store.checkpoints().count == 1, "the second record is still read")
        let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.problem == .init(index: 0, kind: .unreadableCheckpointRecord))
        #expect(report.problems.count == 1 && report.provenSize == 15)
        store.close()
    }

    /// An insider rewrites entries 30–39 consistently and adds a decoy: the report names where it stopped, and the
    /// trust boundary stays at the last checkpoint that matched (20), never above.
    @Test func decoysCannotMoveTheTrustBoundary() async throws {
        let (directory, signer, segment) = try await TamperTests.makeStore()
        var records = try TamperTests.records(segment)
        var previous = MerkleHasher().leafHash(records[29])
        for index in 30..<40 {
            let original = try AuditEntry(decoding: records[index])
            var event = original.event
            event.reason = "rewritten"
            records[index] = try AuditEntry(index: UInt64(index), timeMilliseconds: original.timeMilliseconds, previousLeafHash: previous, event: event).encoded()
            previous = MerkleHasher().leafHash(records[index])
        }
        try TamperTests.write(records, to: segment)
        try TamperTests.dropNodes(directory)
        // Decoy 1: a flipped byte in record 38.
        var bytes = try Self.bytes(segment)
        bytes[try TamperTests.recordOffsets(segment)[38].offset + 20] ^= 1
        try Self.write(bytes, segment)
        // Decoy 2: a junk checkpoint record claiming size 0.
        let path = directory.appendingPathComponent("checkpoints.log").path
        try Self.write(try Self.bytes(path) + FileAuditStore.checkpointRecord(Array("junk\n0\nAAAA\n\n".utf8), size: 0), path)
        let report = try await Self.verify(directory, signer)
        #expect(report.problem == .init(index: 38, kind: .unreadableRecord))
        #expect(report.provenSize == 20)
        #expect(report.problems.contains(.init(index: 0, kind: .badCheckpointSignature)))
        #expect(report.problems.first?.kind != .badCheckpointSignature, "a junk record never outranks the entries")
    }

    /// Deleting the last checkpoint hides a consistent rewrite from the store's own checkpoints, but not from a
    /// checkpoint the auditor kept.
    @Test func trustedCheckpointsCatchDeletedCheckpoints() async throws {
        let (directory, signer, segment) = try await TamperTests.makeStore()
        let kept = try #require(try await {
            let store = try FileAuditStore(directory: directory, mode: .readOnly)
            return try await store.checkpoints().last?.note
        }())
        var records = try TamperTests.records(segment)
        var previous = MerkleHasher().leafHash(records[29])
        for index in 30..<40 {
            let original = try AuditEntry(decoding: records[index])
            var event = original.event
            event.actor = "someone-else"
            records[index] = try AuditEntry(index: UInt64(index), timeMilliseconds: original.timeMilliseconds, previousLeafHash: previous, event: event).encoded()
            previous = MerkleHasher().leafHash(records[index])
        }
        try TamperTests.write(records, to: segment)
        try TamperTests.dropNodes(directory)
        let path = directory.appendingPathComponent("checkpoints.log").path
        let bytes = try Self.bytes(path)
        let firstLength = Int(bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        try Self.write(Array(bytes.prefix(16 + firstLength + 8)), path)
        // The store alone: valid, but only the first 20 entries are proven.
        let alone = try await Self.verify(directory, signer)
        #expect(alone.isValid && alone.provenSize == 20 && alone.entries == 40)
        // With the auditor's checkpoint: the rewrite is found, bounded by the last checkpoint that matched.
        let audited = try await Self.verify(directory, signer, trusted: [kept])
        #expect(audited.problem == .init(index: 20, kind: .checkpointMismatch))
        // A "trusted" checkpoint that the log did not sign is the auditor's error, not a finding.
        await #expect(throws: AuditError.self) { try await Self.verify(directory, signer, trusted: ["x\n1\nAAAA\n\n"]) }
    }

    @Test func unprovenLogsAndArchivesFail() async throws {
        let directory = temporaryDirectory("unproven")
        let signer = try testSigner()
        let store = try FileAuditStore(directory: directory)
        _ = try await store.append((0..<5).map { sampleEvent($0) }, time: 1)
        var report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.problem == .init(index: 0, kind: .unproven) && report.problems.count == 1)
        // An archive without a checkpoint proves nothing, even from index 0.
        let archive = try await AuditArchive.export(from: store, start: 2, end: 5)
        let parsed = try AuditArchive(parsing: archive.serialized())
        report = try await AuditVerifier.verify(store: ArchiveStore(parsed), logVerifier: signer.verifier, start: try parsed.verificationStart(), checkNodes: false)
        #expect(report.problem?.kind == .unproven)
        // An empty log is fine.
        let empty = try FileAuditStore(directory: temporaryDirectory("empty"))
        #expect(try await AuditVerifier.verify(store: empty, logVerifier: signer.verifier).isValid)
        store.close()
        empty.close()
    }

    @Test func descriptionsShowNoEntryData() throws {
        var event = sampleEvent(3)
        event.resource = "patient/8675309"
        let entry = AuditEntry(index: 4, timeMilliseconds: 5, previousLeafHash: .zero, event: event)
        let bundle = ProofBundle(entry: try entry.encoded(), index: 4, proof: [], checkpointNote: "n")
        for text in ["\(event)", "\(entry)", "\(bundle)", String(reflecting: entry)] {
            #expect(!text.contains("8675309") && !text.contains("tenant-42"))
        }
        var dumped = ""
        dump(event, to: &dumped)
        #expect(!dumped.contains("8675309"))
    }

    @Test func cosignatureTimestampsAreBounded() throws {
        let log = try testSigner()
        let witness = try NoteSigner.generate(name: "witness.chatsecurity.test/t", type: .cosignatureV1)
        let checkpoint = try SignedCheckpoint(signing: try Checkpoint(origin: log.name, size: 0, root: MerkleHasher.emptyRoot), with: log)
        let fine = try Cosignature.cosign(checkpoint, with: witness, timestamp: UInt64(Int64.max))
        _ = try SignedCheckpoint(parsing: fine.serialized, logVerifier: log.verifier, witnesses: [witness.verifier], requiredWitnesses: 1)
        let beyond = try Cosignature.cosign(checkpoint, with: witness, timestamp: UInt64(Int64.max) + 1)
        #expect(throws: AuditError.self) { try SignedCheckpoint(parsing: beyond.serialized, logVerifier: log.verifier, witnesses: [witness.verifier]) }
    }
}
