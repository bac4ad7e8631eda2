@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// An insider edits the store's files; `verify` must find every edit and name the index.
@Suite("Tampering with the file store")
struct TamperTests {
    /// Where each entry of a segment is (batches of `length ‖ entry ‖ checksum` records).
    static func recordOffsets(_ path: String) throws -> [(offset: Int, length: Int)] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func uint32(_ at: Int) -> Int { Int(bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
        var result: [(Int, Int)] = []
        var offset = 0
        while offset + 12 <= bytes.count {
            let count = uint32(offset + 4), bodyLength = uint32(offset + 8)
            var position = offset + 12
            for _ in 0..<count {
                let length = uint32(position)
                result.append((position + 4, length))
                position += 12 + length
            }
            offset += 12 + bodyLength + 16
        }
        return result
    }

    /// Reads the entries of a segment.
    static func records(_ path: String) throws -> [[UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return try recordOffsets(path).map { Array(bytes[$0.offset..<($0.offset + $0.length)]) }
    }

    /// Writes entries with valid framing and checksums, one batch per entry (as single appends write them), as an
    /// insider who knows the format would.
    static func write(_ records: [[UInt8]], to path: String) throws {
        try Data(records.flatMap { FileAuditStore.encodeBatches([$0]).bytes }).write(to: URL(fileURLWithPath: path))
    }

    /// A store of 40 entries with checkpoints at 20 and 40, closed.
    static func makeStore() async throws -> (URL, NoteSigner, String) {
        let directory = temporaryDirectory("tamper")
        let signer = try testSigner()
        let store = try FileAuditStore(directory: directory)
        let log = AuditLog(store: store, signer: signer, clock: { 1_795_000_000_000 })
        _ = try await log.append(contentsOf: (0..<20).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        _ = try await log.append(contentsOf: (20..<40).map { sampleEvent($0) })
        try await log.publishCheckpoint()
        store.close()
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".seg") })
        return (directory, signer, directory.appendingPathComponent(segment).path)
    }

    static func verify(_ directory: URL, _ signer: NoteSigner) async throws -> AuditVerifier.Report {
        let store = try FileAuditStore(directory: directory)
        defer { store.close() }
        return try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
    }

    static func dropNodes(_ directory: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("nodes-") {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    enum Edit: String, CaseIterable, CustomTestStringConvertible {
        case modify, modifyAndRebuildNodes, delete, insert, reorder, truncate, replaceCheckpoint, flipByte, forgeTail
        var testDescription: String { rawValue }
    }

    @Test(arguments: Edit.allCases)
    func editIsFoundAndNamed(edit: Edit) async throws {
        let (directory, signer, segment) = try await Self.makeStore()
        #expect(try await Self.verify(directory, signer).isValid)
        var records = try Self.records(segment)
        let expected: (UInt64, AuditVerifier.Problem.Kind)
        switch edit {
        case .modify, .modifyAndRebuildNodes:
            // Entry 13's outcome flipped, everything else (index, predecessor) left intact.
            let entry = try AuditEntry(decoding: records[13])
            var event = entry.event
            event.outcome = event.outcome == .success ? .failure : .success
            records[13] = try AuditEntry(index: 13, timeMilliseconds: entry.timeMilliseconds, previousLeafHash: entry.previousLeafHash, event: event).encoded()
            try Self.write(records, to: segment)
            if edit == .modifyAndRebuildNodes { try Self.dropNodes(directory) }
            expected = (13, .chainBroken)
        case .delete:
            records.remove(at: 25)
            try Self.write(records, to: segment)
            try Self.dropNodes(directory)
            expected = (25, .indexMismatch)
        case .insert:
            // A forged entry 25 that chains correctly to 24.
            let previous = MerkleHasher().leafHash(records[24])
            records.insert(try AuditEntry(index: 25, timeMilliseconds: 1, previousLeafHash: previous, event: sampleEvent(999)).encoded(), at: 25)
            try Self.write(records, to: segment)
            try Self.dropNodes(directory)
            expected = (26, .indexMismatch)
        case .reorder:
            records.swapAt(7, 8)
            try Self.write(records, to: segment)
            try Self.dropNodes(directory)
            expected = (7, .indexMismatch)
        case .truncate:
            records.removeLast(5)
            try Self.write(records, to: segment)
            try Self.dropNodes(directory)
            expected = (35, .truncated)
        case .replaceCheckpoint:
            // The second checkpoint replaced by one signed with another key under the log's name.
            let forger = try NoteSigner(name: signer.name, privateKey: try Ed25519.PrivateKey())
            let forged = try SignedCheckpoint(signing: try Checkpoint(origin: signer.name, size: 40, root: MerkleHasher.emptyRoot), with: forger)
            let path = directory.appendingPathComponent("checkpoints.log").path
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let firstLength = Int(bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            bytes = Array(bytes[0..<(16 + firstLength + 8)])
            try Data(bytes + FileAuditStore.checkpointRecord(Array(forged.serialized.utf8), size: 40)).write(to: URL(fileURLWithPath: path))
            expected = (40, .badCheckpointSignature)
        case .flipByte:
            // A naive edit that does not fix the checksums.
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
            bytes[try Self.recordOffsets(segment)[17].offset + 30] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: segment))
            expected = (17, .unreadableRecord)
        case .forgeTail:
            // Entries 30… rewritten consistently (indexes and chain recomputed), nodes rebuilt: only the signed
            // checkpoint at 40 can tell, and it bounds the change to after the last good checkpoint (20).
            var previous = MerkleHasher().leafHash(records[29])
            for index in 30..<40 {
                let original = try AuditEntry(decoding: records[index])
                var event = original.event
                event.reason = "rewritten"
                records[index] = try AuditEntry(index: UInt64(index), timeMilliseconds: original.timeMilliseconds, previousLeafHash: previous, event: event).encoded()
                previous = MerkleHasher().leafHash(records[index])
            }
            try Self.write(records, to: segment)
            try Self.dropNodes(directory)
            expected = (20, .checkpointMismatch)
        }
        let report = try await Self.verify(directory, signer)
        #expect(report.problem == AuditVerifier.Problem(index: expected.0, kind: expected.1), "\(edit): \(String(describing: report.problem))")
    }
}
