@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// The auditor's Go verifier (`docs/audit-go-verifier`, built on x/mod sumdb/tlog and sumdb/note only) agrees with
/// ours: it accepts our archives and proof bundles, and on every insider edit of an archive it names the same
/// first bad index and problem as `AuditVerifier`.
@Suite("Auditor's Go verifier", .serialized)
struct AuditorGoVerifierTests {
    static let binary: Result<String, any Error> = Result { try GoInteropTests.buildGo("docs/audit-go-verifier/main.go", name: "chatsec-goverify") }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary.get())
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func write(_ bytes: [UInt8]) throws -> String {
        let url = temporaryDirectory("goverify").appendingPathExtension("bin")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A log of 40 entries with checkpoints at 20 and 40, the one at 40 also cosigned by a witness.
    static func makeLog() async throws -> (FileAuditStore, AuditLog, NoteSigner, NoteSigner) {
        let store = try FileAuditStore(directory: temporaryDirectory("goverify-log"))
        let signer = try testSigner()
        let witnessKey = try NoteSigner.generate(name: "witness.chatsecurity.test/go", type: .cosignatureV1)
        let log = AuditLog(store: store, signer: signer)
        _ = try await log.append(contentsOf: (0..<20).map { sampleEvent($0) })
        _ = try await log.publishCheckpoint()
        _ = try await log.append(contentsOf: (20..<40).map { sampleEvent($0) })
        let latest = try await log.publishCheckpoint()
        let cosigned = try Witness(signer: witnessKey, logVerifier: signer.verifier).cosign(latest.serialized, last: nil, proof: [], timestamp: 1_795_000_000)
        try await store.saveCheckpoint(cosigned.serialized, size: 40)
        return (store, log, signer, witnessKey)
    }

    enum Edit: String, CaseIterable, CustomTestStringConvertible {
        case none, modify, modifyAndRechain, delete, insert, reorder, truncate, replaceCheckpoint, dropAllButFirstCheckpoint, junkCheckpoint, junkAndModify
        var testDescription: String { rawValue }
    }

    /// Applies an insider edit to an archive's contents (the file's checksum is recomputed, as an insider would).
    static func edit(_ archive: AuditArchive, _ edit: Edit, signer: NoteSigner) throws -> AuditArchive {
        var entries = archive.entries
        var checkpoints = archive.checkpoints
        func rechain(from start: Int) throws {
            let hasher = MerkleHasher()
            for index in start..<entries.count {
                let entry = try AuditEntry(decoding: entries[index])
                let previous = index == 0 ? TreeHash.zero : hasher.leafHash(entries[index - 1])
                entries[index] = try AuditEntry(index: entry.index, timeMilliseconds: entry.timeMilliseconds, previousLeafHash: previous, event: entry.event).encoded()
            }
        }
        func altered(_ bytes: [UInt8]) throws -> [UInt8] {
            let entry = try AuditEntry(decoding: bytes)
            var event = entry.event
            event.outcome = event.outcome == .success ? .failure : .success
            return try AuditEntry(index: entry.index, timeMilliseconds: entry.timeMilliseconds, previousLeafHash: entry.previousLeafHash, event: event).encoded()
        }
        switch edit {
        case .none: break
        case .modify: entries[7] = try altered(entries[7])
        case .modifyAndRechain:
            entries[27] = try altered(entries[27])
            try rechain(from: 28)
        case .delete: entries.remove(at: 12)
        case .insert: entries.insert(try altered(entries[12]), at: 13)
        case .reorder: entries.swapAt(5, 6)
        case .truncate: entries.removeLast(10)
        case .replaceCheckpoint:
            let impostor = try NoteSigner.generate(name: signer.name)
            let forged = try SignedCheckpoint(signing: try Checkpoint(origin: signer.name, size: 40, root: MerkleHasher.emptyRoot), with: impostor)
            checkpoints[1] = StoredCheckpoint(size: 40, note: forged.serialized)
        case .dropAllButFirstCheckpoint: checkpoints = [checkpoints[0]]
        case .junkCheckpoint: checkpoints.append(StoredCheckpoint(size: 0, note: "junk"))
        case .junkAndModify:
            // A junk checkpoint claiming size 0 must not outrank the altered entry.
            checkpoints.append(StoredCheckpoint(size: 0, note: "junk"))
            entries[7] = try altered(entries[7])
        }
        return AuditArchive(start: archive.start, previousLeafHash: archive.previousLeafHash, edge: archive.edge, entries: entries, checkpoints: checkpoints)
    }

    @Test(arguments: Edit.allCases)
    func goNamesTheSameFirstBadIndex(edit: Edit) async throws {
        let (store, _, signer, witnessKey) = try await Self.makeLog()
        defer { store.close() }
        let archive = try Self.edit(try await AuditArchive.export(from: store, start: 0, end: 40), edit, signer: signer)
        let path = try Self.write(archive.serialized())
        let reparsed = try AuditArchive(parsing: archive.serialized())
        let ours = try await AuditVerifier.verify(store: ArchiveStore(reparsed), logVerifier: signer.verifier, witnesses: [witnessKey.verifier], requiredWitnesses: 1,
                                                  start: try reparsed.verificationStart(), checkNodes: false)
        let go = try Self.run(["archive", "-key", signer.verifier.description, "-witness", witnessKey.verifier.description, "-witnesses-required", "1", path])
        if let problem = ours.problem {
            #expect(go.status == 1, "\(go.output)")
            #expect(go.output.hasPrefix("FAILED: index \(problem.index): \(problem.kind.rawValue)"), "ours: \(problem); go: \(go.output)")
        } else {
            #expect(edit == .none)
            #expect(go.status == 0 && go.output.contains("root \(ours.root.base64)") && go.output.contains("witnessed up to size 40"), "\(go.output)")
        }
        // Every edit is found.
        #expect((ours.problem == nil) == (edit == .none))
    }

    @Test func goChecksOurProofBundles() async throws {
        let (store, log, signer, witnessKey) = try await Self.makeLog()
        defer { store.close() }
        let key = signer.verifier.description, witness = witnessKey.verifier.description
        for index: UInt64 in [0, 1, 19, 20, 31, 39] {
            // Bundles from the API use the latest checkpoint (40, log-signed only); the CLI prefers witnessed copies.
            let bundle = try await log.proofBundle(index: index)
            let path = try Self.write(Array(bundle.serialized.utf8))
            #expect(try Self.run(["bundle", "-key", key, path]).status == 0)
            #expect(try Self.run(["bundle", "-key", key, "-witness", witness, "-witnesses-required", "1", path]).status == 1)
            // The witnessed copy of the checkpoint.
            let cosignedNote = try #require(try await store.checkpoints().last?.note)
            let witnessed = ProofBundle(entry: bundle.entry, index: index, proof: bundle.proof, checkpointNote: cosignedNote)
            #expect(try Self.run(["bundle", "-key", key, "-witness", witness, "-witnesses-required", "1", try Self.write(Array(witnessed.serialized.utf8))]).status == 0)
            // An altered entry, an altered proof, another index: refused.
            var entry = try #require(bundle.entry)
            entry[entry.count - 1] ^= 1
            let badEntry = ProofBundle(entry: entry, index: index, proof: bundle.proof, checkpointNote: bundle.checkpointNote)
            #expect(try Self.run(["bundle", "-key", key, try Self.write(Array(badEntry.serialized.utf8))]).status == 1)
            var proof = bundle.proof
            proof[0] = MerkleHasher.emptyRoot
            let badProof = ProofBundle(entry: bundle.entry, index: index, proof: proof, checkpointNote: bundle.checkpointNote)
            #expect(try Self.run(["bundle", "-key", key, try Self.write(Array(badProof.serialized.utf8))]).status == 1)
            let moved = ProofBundle(entry: bundle.entry, index: index ^ 1, proof: bundle.proof, checkpointNote: bundle.checkpointNote)
            #expect(try Self.run(["bundle", "-key", key, try Self.write(Array(moved.serialized.utf8))]).status == 1)
        }
        // Another log's key: refused.
        let bundle = try await log.proofBundle(index: 3)
        let other = try NoteSigner.generate(name: signer.name).verifier.description
        #expect(try Self.run(["bundle", "-key", other, try Self.write(Array(bundle.serialized.utf8))]).status == 1)
        print("[interop] the auditor's Go verifier (x/mod sumdb/tlog + sumdb/note) accepts our bundles and refuses 4 kinds of alteration")
    }
}
