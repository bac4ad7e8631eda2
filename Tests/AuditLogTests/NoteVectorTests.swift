@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing
import TestVectorKit

/// Signed notes, keys, checkpoints and cosignatures against Go's `sumdb/note` vectors and the C2SP examples.
@Suite("Signed note and checkpoint vectors")
struct NoteVectorTests {
    struct GoNote: Decodable {
        struct Sign: Decodable {
            let signer_key: String
            let name: String
            let key_hash: String
            let ed25519_seed: String
            let ed25519_public_key: String
            let verifier_key: String
            let note_text: String
            let expected_signed_note: String
        }
        struct Open: Decodable {
            struct Case: Decodable { let note: String?; let verifiers: [String]; let expected: String }
            struct Malformed: Decodable { let desc: String; let note: String?; let note_hex: String? }
            let verifier_keys: [String: String]
            let note_two_signatures: String
            let cases: [Case]
            let malformed_notes: [Malformed]
        }
        struct BadKeys: Decodable {
            struct Case: Decodable { let vkey: String }
            let cases: [Case]
        }
        let sign_vector: Sign
        let open_vector: Open
        let bad_verifier_keys: BadKeys
    }

    struct C2SP: Decodable {
        struct Example: Decodable { let vkey: String; let key_name: String; let key_id: String; let note_text: String; let signed_note: String; let ed25519_public_key: String }
        struct Intro: Decodable { let note_text: String; let signed_note: String; let key_name: String; let signature_key_id: String }
        struct CheckpointExample: Decodable { let note_text: String; let origin: String; let tree_size: UInt64; let root_hash_hex: String; let signed_note: String }
        struct CosignatureExample: Decodable {
            struct Cosig: Decodable { let key_name: String; let key_id: String; let timestamp: UInt64 }
            let cosigned_checkpoint: String
            let cosignature: Cosig
            let ed25519_signed_message_example: String
        }
        let signed_note_example: Example
        let signed_note_intro_example: Intro
        let checkpoint_example: CheckpointExample
        let cosignature_example: CosignatureExample
    }

    static func go() throws -> GoNote { try TestVectors.json(GoNote.self, "checkpoint/go-sumdb-note.json") }
    static func c2sp() throws -> C2SP { try TestVectors.json(C2SP.self, "checkpoint/c2sp-examples.json") }

    @Test func goSignVectorIsReproducedExactly() throws {
        let vector = try Self.go().sign_vector
        let signer = try NoteSigner(parsing: SecureBytes(copying: Array(vector.signer_key.utf8)))
        #expect(signer.name == vector.name)
        #expect(signer.privateKey.publicKey.rawRepresentation == (try Hex.decode(vector.ed25519_public_key)))
        #expect(signer.verifier.description == vector.verifier_key)
        #expect(NoteKeyName.hex(signer.verifier.keyID) == vector.key_hash)
        #expect(signer.secretKeyString().withUnsafeBytes { String(decoding: $0, as: UTF8.self) } == vector.signer_key)
        var note = try SignedNote(text: vector.note_text)
        try note.sign(with: signer)
        #expect(note.serialized == vector.expected_signed_note)
        // Signing again with the same key replaces the line (Go's rule).
        try note.sign(with: signer)
        #expect(note.serialized == vector.expected_signed_note)
        #expect(try NoteVerifier(parsing: vector.verifier_key).publicKey == signer.verifier.publicKey)
        print("[vectors] checkpoint/go-sumdb-note.json sign: 1 checked")
    }

    @Test func goOpenVectors() throws {
        let vector = try Self.go().open_vector
        let keys = try vector.verifier_keys.mapValues { try NoteVerifier(parsing: $0) }
        var checked = 0
        for item in vector.cases {
            let text: String
            switch item.note {
            case nil: text = vector.note_two_signatures
            case let description? where description.contains("101 copies"):
                let line = vector.note_two_signatures.split(separator: "\n", omittingEmptySubsequences: false).first { $0.hasPrefix("\u{2014} PeterNeumann") } ?? ""
                let body = String(vector.note_two_signatures.split(separator: "\n\n", maxSplits: 1).first ?? "")
                text = body + "\n\n" + String(repeating: line + "\n", count: 101)
            case let description?:
                #expect(description.contains("ABCD"))
                var lines = vector.note_two_signatures.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
                let position = lines.firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("\u{2014} PeterNeumann") } ?? 0
                lines[position].insert(contentsOf: Array("ABCD".utf8), at: 60)
                text = lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            }
            let verifiers = item.verifiers.compactMap { keys[$0] }
            let result = Result { () throws(AuditError) -> [NoteVerifier] in try SignedNote(parsing: text).verify(verifiers) }
            if item.expected.hasPrefix("ok") {
                #expect((try? result.get())?.map(\.name).sorted() == item.verifiers.sorted(), "\(item.expected)")
            } else {
                #expect((try? result.get()) == nil, "\(item.expected)")
            }
            checked += 1
        }
        for malformed in vector.malformed_notes {
            let text = try malformed.note ?? String(decoding: Hex.decode(malformed.note_hex ?? ""), as: UTF8.self)
            #expect(throws: AuditError.self, "\(malformed.desc)") { try SignedNote(parsing: text).verify(Array(keys.values)) }
            checked += 1
        }
        print("[vectors] checkpoint/go-sumdb-note.json open: \(checked) checked")
    }

    @Test func badVerifierKeysAndManglings() throws {
        let go = try Self.go()
        for bad in go.bad_verifier_keys.cases { #expect(throws: AuditError.self) { try NoteVerifier(parsing: bad.vkey) } }
        let valid = go.sign_vector.verifier_key
        let bytes = Array(valid.utf8)
        var checked = go.bad_verifier_keys.cases.count
        for start in 0..<bytes.count {
            for end in (start + 1)...bytes.count where !(start == 0 && end == bytes.count) {
                #expect(throws: AuditError.self) { try NoteVerifier(parsing: String(decoding: bytes[start..<end], as: UTF8.self)) }
                checked += 1
            }
        }
        for position in bytes.indices {
            var changed = bytes
            changed[position] &+= 1
            #expect(throws: AuditError.self) { try NoteVerifier(parsing: String(decoding: changed, as: UTF8.self)) }
            checked += 1
        }
        print("[vectors] checkpoint/go-sumdb-note.json bad and mangled verifier keys: \(checked) checked")
    }

    @Test func c2spExamples() throws {
        let c2sp = try Self.c2sp()
        let example = c2sp.signed_note_example
        let verifier = try NoteVerifier(parsing: example.vkey)
        #expect(verifier.name == example.key_name)
        #expect(NoteKeyName.hex(verifier.keyID) == example.key_id)
        #expect(verifier.publicKey.rawRepresentation == (try Hex.decode(example.ed25519_public_key)))
        let note = try SignedNote(parsing: example.signed_note)
        #expect(note.text == example.note_text)
        #expect(try note.verify([verifier]) == [verifier])
        #expect(note.serialized == example.signed_note)

        let intro = try SignedNote(parsing: c2sp.signed_note_intro_example.signed_note)
        #expect(intro.text == c2sp.signed_note_intro_example.note_text, "signatures start after the last empty line")
        #expect(intro.signatures.first.map { NoteKeyName.hex($0.keyID) } == c2sp.signed_note_intro_example.signature_key_id)

        let checkpointNote = try SignedNote(parsing: c2sp.checkpoint_example.signed_note)
        let checkpoint = try Checkpoint(text: checkpointNote.text)
        #expect(checkpoint.origin == c2sp.checkpoint_example.origin)
        #expect(checkpoint.size == c2sp.checkpoint_example.tree_size)
        #expect(checkpoint.root.hex == c2sp.checkpoint_example.root_hash_hex)
        #expect(checkpoint.text == c2sp.checkpoint_example.note_text)

        let cosigned = try SignedNote(parsing: c2sp.cosignature_example.cosigned_checkpoint)
        let cosignature = try #require(cosigned.signatures.last)
        #expect(cosignature.name == c2sp.cosignature_example.cosignature.key_name)
        #expect(NoteKeyName.hex(cosignature.keyID) == c2sp.cosignature_example.cosignature.key_id)
        let timestamp = cosignature.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(timestamp == c2sp.cosignature_example.cosignature.timestamp)
        #expect(Cosignature.signedMessage(timestamp: timestamp, checkpointText: cosigned.text) == Array(c2sp.cosignature_example.ed25519_signed_message_example.utf8))
        print("[vectors] checkpoint/c2sp-examples.json: 4 examples checked (no public key is published for the checkpoint and cosignature examples: parsed, not verified)")
    }

    @Test func cosignaturesRoundTripAndAreVerified() throws {
        let log = try NoteSigner.generate(name: "audit.example/log")
        let witness = try NoteSigner.generate(name: "witness.example/compliance", type: .cosignatureV1)
        let signed = try SignedCheckpoint(signing: try Checkpoint(origin: log.name, size: 5, root: MerkleHasher.emptyRoot), with: log)
        let cosigned = try Cosignature.cosign(signed, with: witness, timestamp: 1_795_000_000)
        let parsed = try SignedCheckpoint(parsing: cosigned.serialized, logVerifier: log.verifier, witnesses: [witness.verifier], requiredWitnesses: 1)
        #expect(parsed.checkpoint.size == 5)
        #expect(throws: AuditError.self) { try SignedCheckpoint(parsing: signed.serialized, logVerifier: log.verifier, witnesses: [witness.verifier], requiredWitnesses: 1) }
        // A cosignature over another timestamp does not verify.
        var forged = cosigned.serialized
        let line = try #require(forged.split(separator: "\n").last)
        var data = try #require(Data(base64Encoded: String(line.split(separator: " ").last ?? "")))
        data[data.startIndex + 11] ^= 1
        forged = forged.replacingOccurrences(of: String(line.split(separator: " ").last ?? ""), with: data.base64EncodedString())
        #expect(throws: AuditError.self) { try SignedCheckpoint(parsing: forged, logVerifier: log.verifier, witnesses: [witness.verifier], requiredWitnesses: 1) }
        // The verifier key string carries the cosignature type.
        #expect(try NoteVerifier(parsing: witness.verifier.description).type == .cosignatureV1)
    }
}
