@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// Witnesses: a witness cosigns only what extends what it cosigned before, and `verify` with required witnesses
/// counts witnessed checkpoints without failing on the log's own unwitnessed ones.
@Suite("Witnesses")
struct WitnessTests {
    static func witnessKey() throws -> NoteSigner {
        try NoteSigner.generate(name: "witness.chatsecurity.test/compliance", type: .cosignatureV1)
    }

    @Test func cosignsOnlyConsistentExtensions() async throws {
        let directory = temporaryDirectory("witness")
        let store = try FileAuditStore(directory: directory)
        defer { store.close() }
        let signer = try testSigner()
        let log = AuditLog(store: store, signer: signer)
        let witness = try Witness(signer: try Self.witnessKey(), logVerifier: signer.verifier)

        _ = try await log.append(contentsOf: (0..<13).map { sampleEvent($0) })
        let first = try await log.publishCheckpoint()
        let cosignedFirst = try witness.cosign(first.serialized, last: nil, proof: [], timestamp: 1_795_000_000)
        #expect(cosignedFirst.cosigners == [witness.signer.verifier])
        _ = try SignedCheckpoint(parsing: cosignedFirst.serialized, logVerifier: signer.verifier, witnesses: [witness.signer.verifier], requiredWitnesses: 1)

        _ = try await log.append(contentsOf: (13..<30).map { sampleEvent($0) })
        let second = try await log.publishCheckpoint()
        let proof = try await log.consistencyProof(oldSize: 13, newSize: 30)
        _ = try witness.cosign(second.serialized, last: first.checkpoint, proof: proof, timestamp: 1_795_000_060)

        // A fork: the same log key signs a tree of 30 entries whose first 13 differ (equivocation). The
        // witness refuses, whatever proof it is handed.
        let forkStore = try FileAuditStore(directory: temporaryDirectory("witness-fork"))
        defer { forkStore.close() }
        let fork = AuditLog(store: forkStore, signer: signer)
        _ = try await fork.append(contentsOf: (100..<130).map { sampleEvent($0) })
        let forked = try await fork.publishCheckpoint()
        let forkProof = try await fork.consistencyProof(oldSize: 13, newSize: 30)
        for candidate in [proof, forkProof, []] {
            #expect(throws: AuditError.self) { try witness.cosign(forked.serialized, last: first.checkpoint, proof: candidate, timestamp: 1_795_000_090) }
        }
        // Going backwards, another log's checkpoint, or a checkpoint the log did not sign: refused.
        #expect(throws: AuditError.self) { try witness.cosign(first.serialized, last: second.checkpoint, proof: [], timestamp: 1_795_000_120) }
        let other = try NoteSigner.generate(name: "audit.chatsecurity.test/other")
        let otherCheckpoint = try SignedCheckpoint(signing: try Checkpoint(origin: other.name, size: 30, root: second.checkpoint.root), with: other)
        #expect(throws: AuditError.self) { try witness.cosign(otherCheckpoint.serialized, last: first.checkpoint, proof: proof, timestamp: 1_795_000_120) }
        let impostor = try NoteSigner.generate(name: signer.name)
        let unsigned = try SignedCheckpoint(signing: second.checkpoint, with: impostor)
        #expect(throws: AuditError.self) { try witness.cosign(unsigned.serialized, last: first.checkpoint, proof: proof, timestamp: 1_795_000_120) }
        // A witness needs a cosigning (type 0x04) key.
        #expect(throws: AuditError.self) { try Witness(signer: signer, logVerifier: signer.verifier) }
    }

    @Test func verifyCountsWitnessedCheckpoints() async throws {
        let directory = temporaryDirectory("witness-verify")
        let signer = try testSigner()
        let witnessKey = try Self.witnessKey()
        let witness = try Witness(signer: witnessKey, logVerifier: signer.verifier)
        let store = try FileAuditStore(directory: directory)
        let log = AuditLog(store: store, signer: signer)
        _ = try await log.append(contentsOf: (0..<20).map { sampleEvent($0) })
        let first = try await log.publishCheckpoint()
        _ = try await log.append(contentsOf: (20..<40).map { sampleEvent($0) })
        _ = try await log.publishCheckpoint()

        // No cosigned checkpoint yet: nothing is altered, but with a required witness the log is unwitnessed.
        var report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, witnesses: [witnessKey.verifier], requiredWitnesses: 1)
        #expect(report.problem == .init(index: 0, kind: .unwitnessed) && report.witnessedSize == nil && report.checkpointsVerified == 2)
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.isValid && report.witnessedSize == nil)

        // The witness cosigns the checkpoint of 20; the later, unwitnessed one is no problem.
        let cosigned = try witness.cosign(first.serialized, last: nil, proof: [], timestamp: 1_795_000_000)
        try await store.saveCheckpoint(cosigned.serialized, size: 20)
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, witnesses: [witnessKey.verifier], requiredWitnesses: 1)
        #expect(report.isValid && report.witnessedSize == 20 && report.checkpointsVerified == 3)
        // Two witnesses required, one cosigned: unwitnessed. An untrusted witness does not count.
        let second = try Self.witnessKey()
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, witnesses: [witnessKey.verifier, second.verifier], requiredWitnesses: 2)
        #expect(report.problem?.kind == .unwitnessed)
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, witnesses: [second.verifier], requiredWitnesses: 1)
        #expect(report.problem?.kind == .unwitnessed)

        // A trusted witness's cosignature that does not verify (here: its timestamp changed) is a bad signature.
        var lines = cosigned.serialized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let witnessLine = try #require(lines.firstIndex { $0.hasPrefix("\u{2014} \(witnessKey.name) ") })
        let blob = try #require(Data(base64Encoded: String(lines[witnessLine].split(separator: " ").last ?? "")))
        var altered = [UInt8](blob)
        altered[4 + 7] ^= 1
        lines[witnessLine] = "\u{2014} \(witnessKey.name) " + Data(altered).base64EncodedString()
        try await store.saveCheckpoint(lines.joined(separator: "\n"), size: 20)
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier, witnesses: [witnessKey.verifier], requiredWitnesses: 1)
        #expect(report.problem == .init(index: 20, kind: .badCheckpointSignature))
        // The same store verified without trusting the witness: its line is an unknown key's, ignored.
        report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.isValid)
        store.close()
    }
}
