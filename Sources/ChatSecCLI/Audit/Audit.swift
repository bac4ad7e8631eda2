import ArgumentParser
import AuditLog
import CryptoPrimitives
import Foundation

/// `chatsec audit …`.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify, prove and witness the audit log.",
        subcommands: [Verify.self, CheckpointCommand.self, ProveInclusion.self, ProveConsistency.self, VerifyProof.self,
                      Export.self, WitnessCommand.self, Append.self, Keygen.self]
    )
}

/// Exit codes: 0 verified, 1 tampering or an invalid proof found, 2 usage or I/O problem.
enum AuditExit {
    static let problemFound = ExitCode(1)
    static let failure = ExitCode(2)
}

/// Runs `body`, turning library errors into exit code 2 with a fixed message.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        Output.error("error: \(error)")
        throw AuditExit.failure
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan the whole log: entries, chain, tree nodes and every checkpoint. Exit 1 names the first bad index and what is still proven."
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var keys: KeyOptions
    @Option(name: .customLong("trusted-checkpoint"), help: "A signed checkpoint kept from an earlier audit or a witness's state file (repeatable): the log must still match it.")
    var trustedCheckpoints: [String] = []
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, start, checkNodes, close) = try store.open(readOnly: true)
            defer { close() }
            let trusted = try trustedCheckpoints.map { try Output.read($0) }
            let showProgress = !json && Output.stderrIsTerminal
            let report = try await AuditVerifier.verify(store: opened, logVerifier: try keys.logVerifier(), witnesses: try keys.witnessVerifiers(),
                                                        requiredWitnesses: keys.witnessesRequired, trustedCheckpoints: trusted, start: start,
                                                        checkNodes: checkNodes,
                                                        progress: { done, total in if showProgress { Output.progress(done, total) } })
            if json {
                var object: [String: Any] = ["valid": report.isValid, "entries": report.entries, "proven_size": report.provenSize,
                                             "checkpoints_verified": report.checkpointsVerified, "root": report.root.base64,
                                             "problems": report.problems.map { ["index": $0.index, "problem": $0.kind.rawValue] as [String: Any] },
                                             "notices": report.notices]
                if let problem = report.problem { object["first_bad_index"] = problem.index; object["problem"] = problem.kind.rawValue }
                if let witnessed = report.witnessedSize { object["witnessed_size"] = witnessed }
                Output.json(object)
            } else {
                Self.printHuman(report)
            }
            if !report.isValid { throw AuditExit.problemFound }
        }
    }

    static func printHuman(_ report: AuditVerifier.Report) {
        let proven = report.provenSize
        if let problem = report.problem {
            Output.line("FAILED: \(explain(problem))")
            Output.line("  trusted: entries below \(proven) match a signed checkpoint; nothing from index \(proven) on can be trusted (\(report.entries) entries scanned)")
            for other in report.problems.dropFirst().prefix(9) { Output.line("  also: \(explain(other))") }
            if report.problems.count > 10 { Output.line("  and \(report.problems.count - 10) more (--json lists all)") }
        } else {
            let tail = report.entries - proven
            let coverage = tail == 0 ? "all proven by the signed checkpoint of size \(proven)"
                : "the first \(proven) proven by a signed checkpoint; the last \(tail) are chained but no checkpoint covers them yet"
            let witnessed = report.witnessedSize.map { "; witnessed up to size \($0)" } ?? ""
            Output.line("OK: \(report.entries) entries, \(coverage); \(report.checkpointsVerified) checkpoints verified; root \(report.root.base64)\(witnessed)")
        }
        for notice in report.notices { Output.line("  note: \(notice)") }
    }

    /// One sentence per problem kind.
    static func explain(_ problem: AuditVerifier.Problem) -> String {
        let index = problem.index
        switch problem.kind {
        case .unreadableRecord: return "the record of entry \(index) cannot be read (checksum or framing), index \(index)"
        case .malformedEntry: return "entry \(index) is not a valid entry, index \(index)"
        case .indexMismatch: return "the entry stored at position \(index) carries another index (entries removed, inserted or moved), index \(index)"
        case .chainBroken: return "the entry after \(index) does not name entry \(index)'s hash, index \(index)"
        case .nodeMismatch: return "a stored tree node over entries from \(index) differs from the entries, index \(index)"
        case .badCheckpointSignature: return "a stored checkpoint claiming size \(index) is not validly signed by the log (or a trusted witness's cosignature is invalid)"
        case .checkpointMismatch: return "a signed checkpoint's root differs from the entries: entries after index \(index) (the last checkpoint that matched) were changed"
        case .truncated: return "a signed checkpoint covers more entries than the log holds: entries from index \(index) were removed"
        case .unreadableCheckpointRecord: return "a record of the checkpoint log cannot be read (damage inside it)"
        case .strayRecords: return "records are stored beyond the log's tree, from index \(index)"
        case .unwitnessed: return "no verified checkpoint carries the required witness cosignatures"
        case .unproven: return "no signed checkpoint matches the entries: nothing is proven (publish a checkpoint with `chatsec audit checkpoint`)"
        }
    }
}

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Sign and store a checkpoint of the current tree.")
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("signer-key-file"), help: "The log's signing key (PRIVATE+KEY+…).") var signerKeyFile: String
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: false)
            defer { close() }
            let log = AuditLog(store: opened, signer: try loadSigner(signerKeyFile))
            let signed = try await log.publishCheckpoint()
            if json {
                Output.json(["size": signed.checkpoint.size, "root": signed.checkpoint.root.base64, "note": signed.serialized])
            } else {
                FileHandle.standardOutput.write(Data(signed.serialized.utf8))
            }
        }
    }
}

struct ProveInclusion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write an offline proof bundle (C2SP tlog-proof) for one entry.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The entry's index.") var index: UInt64
    @Option(name: .customLong("key"), help: "The log's verifier key (to pick a valid checkpoint), or @FILE.") var key: String
    @Option(name: .customLong("out"), help: "Write the bundle here instead of standard output.") var out: String?
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: true)
            defer { close() }
            let verifier = try NoteVerifier(parsing: try KeyOptions.resolve(key))
            // The smallest stored checkpoint that covers the entry and verifies; of several at that size, the one
            // with the most signatures (a witnessed copy).
            var chosen: SignedCheckpoint?
            for stored in try await opened.checkpoints().sorted(by: { $0.size < $1.size }) where stored.size > index {
                guard let signed = try? SignedCheckpoint(parsing: stored.note, logVerifier: verifier) else { continue }
                if let current = chosen {
                    guard signed.checkpoint.size == current.checkpoint.size else { break }
                    if signed.note.signatures.count > current.note.signatures.count { chosen = signed }
                } else {
                    chosen = signed
                }
            }
            guard let chosen else { throw ValidationFailure("no valid checkpoint covers this index yet; run `chatsec audit checkpoint`") }
            let size = chosen.checkpoint.size
            let log = ProofSource(store: opened)
            let proof = try await log.inclusionProof(index: index, size: size)
            let entry = try await opened.entries(from: index, count: 1).first
            let bundle = ProofBundle(entry: entry, index: index, proof: proof, checkpointNote: chosen.serialized)
            if let out { try Output.writeFile(Array(bundle.serialized.utf8), to: out) }
            if json {
                Output.json(["index": index, "size": size, "proof": proof.map(\.base64), "bundle": bundle.serialized])
            } else if out == nil {
                FileHandle.standardOutput.write(Data(bundle.serialized.utf8))
            } else {
                Output.line("wrote the proof of entry \(index) against the checkpoint of size \(size)")
            }
        }
    }
}

struct ProveConsistency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the consistency proof between two tree sizes (base64 hashes, one per line).")
    @OptionGroup var store: StoreOptions
    @Option(help: "The older tree size.") var old: UInt64
    @Option(help: "The newer tree size.") var new: UInt64
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: true)
            defer { close() }
            let proof = try await ProofSource(store: opened).consistencyProof(oldSize: old, newSize: new)
            if json {
                Output.json(["old_size": old, "new_size": new, "proof": proof.map(\.base64)])
            } else {
                for hash in proof { Output.line(hash.base64) }
            }
        }
    }
}

struct VerifyProof: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a proof bundle offline against the log's key (and witnesses).")
    @Option(help: "The bundle file.") var bundle: String
    @OptionGroup var keys: KeyOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let text = try Output.read(bundle)
            do {
                let parsed = try ProofBundle(parsing: text)
                let (checkpoint, entry) = try parsed.verify(logVerifier: try keys.logVerifier(), witnesses: try keys.witnessVerifiers(),
                                                            requiredWitnesses: keys.witnessesRequired)
                if json {
                    var object: [String: Any] = ["valid": true, "index": parsed.index, "tree_size": checkpoint.checkpoint.size, "origin": checkpoint.checkpoint.origin]
                    if let entry {
                        object["entry"] = ["tenant": entry.event.tenant, "actor": entry.event.actor, "event_type": entry.event.eventType,
                                           "outcome": entry.event.outcome.rawValue, "resource": entry.event.resource, "request_id": entry.event.requestID,
                                           "time_ms": entry.timeMilliseconds]
                    }
                    Output.json(object)
                } else {
                    Output.line("OK: entry \(parsed.index) is in the log \(checkpoint.checkpoint.origin) of size \(checkpoint.checkpoint.size)")
                }
            } catch {
                if json { Output.json(["valid": false, "problem": "\(error)"]) } else { Output.line("FAILED: \(error)") }
                throw AuditExit.problemFound
            }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write entries [from, to) and their checkpoints to an archive file that `verify --archive` checks.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The first index (default 0).") var from: UInt64 = 0
    @Option(help: "One past the last index (default: the largest stored checkpoint's size, so that the archive is covered by a checkpoint).") var to: UInt64?
    @Option(help: "The archive file.") var out: String
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: true)
            defer { close() }
            // Entries after the last checkpoint would be unproven in the archive (anyone could rewrite them there).
            let size = try await opened.size()
            let covered = try await opened.checkpoints().map(\.size).filter { $0 <= size }.max() ?? 0
            guard let end = to ?? (covered > from ? covered : nil) else {
                throw ValidationFailure("no checkpoint covers entries from \(from): publish one (chatsec audit checkpoint) or give --to")
            }
            if end > covered { Output.error("warning: entries from \(max(covered, from)) to \(end) are covered by no checkpoint; verify will report them as unproven") }
            let archive = try await AuditArchive.export(from: opened, start: from, end: end)
            try Output.writeFile(archive.serialized(), to: out)
            if json {
                Output.json(["from": from, "to": end, "entries": archive.entries.count, "checkpoints": archive.checkpoints.count])
            } else {
                Output.line("wrote \(archive.entries.count) entries and \(archive.checkpoints.count) checkpoints to \(out)")
            }
        }
    }
}

struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Cosign the log's latest checkpoint after checking it is consistent with the last one this witness cosigned."
    )
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("key"), help: "The log's verifier key, or @FILE.") var logKey: String
    @Option(name: .customLong("witness-key-file"), help: "The witness's cosigning key (PRIVATE+KEY+…, type 0x04).") var witnessKeyFile: String
    @Option(help: "The witness's state file: the last checkpoint it cosigned.") var state: String
    @Flag(help: "Start a new witness: the state file must not exist, and the first checkpoint is trusted as seen.") var `init` = false
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: false)
            defer { close() }
            let witness = try Witness(signer: try loadSigner(witnessKeyFile), logVerifier: try NoteVerifier(parsing: try KeyOptions.resolve(logKey)))
            let stateExists = FileManager.default.fileExists(atPath: state)
            if `init` && stateExists { throw ValidationFailure("--init: the state file exists already") }
            if !`init` && !stateExists { throw ValidationFailure("the state file does not exist (a new witness starts with --init)") }
            let last: Checkpoint? = stateExists ? try SignedCheckpoint(parsing: try Output.read(state), logVerifier: witness.logVerifier).checkpoint : nil
            // The largest stored checkpoint the log signed (notes that do not verify are skipped; verify reports them).
            var latest: SignedCheckpoint?
            for stored in try await opened.checkpoints().sorted(by: { $0.size > $1.size }) {
                if let signed = try? SignedCheckpoint(parsing: stored.note, logVerifier: witness.logVerifier), signed.checkpoint.size == stored.size {
                    latest = signed
                    break
                }
            }
            guard let latest else { throw ValidationFailure("the log has no checkpoint signed by its key") }
            let newSize = latest.checkpoint.size
            var proof: [TreeHash] = []
            if let last, last.size > 0, last.size < newSize {
                proof = try await ProofSource(store: opened).consistencyProof(oldSize: last.size, newSize: newSize)
            }
            let cosigned: SignedCheckpoint
            do {
                cosigned = try witness.cosign(latest.serialized, last: last, proof: proof, timestamp: UInt64(Date().timeIntervalSince1970))
            } catch let error as AuditError where error.code == .inconsistent {
                if json { Output.json(["cosigned": false, "problem": "inconsistent"]) } else { Output.line("REFUSED: \(error)") }
                throw AuditExit.problemFound
            }
            // The witness's memory first, durably: a crash after this cannot make it forget what it cosigned.
            try Output.writeFile(Array(cosigned.serialized.utf8), to: state)
            try await opened.saveCheckpoint(cosigned.serialized, size: newSize)
            if json { Output.json(["cosigned": true, "size": newSize, "note": cosigned.serialized]) } else { FileHandle.standardOutput.write(Data(cosigned.serialized.utf8)) }
        }
    }
}

struct Append: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append events read as JSON lines from standard input; print one receipt per event once it is durable."
    )
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let (opened, _, _, close) = try store.open(readOnly: false)
            defer { close() }
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                guard !line.isEmpty else { continue }
                let event = try EventLine.parse(line, number: number)
                let receipt = try await opened.append([event], time: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))[0]
                Output.json(["index": receipt.index, "leaf_hash": receipt.leafHash.base64])
            }
        }
    }
}

struct Keygen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make a signing key: the secret goes to a file (mode 0600), the verifier key to standard output.")
    @Option(help: "The key name (for a log: its origin, e.g. audit.example.com/log).") var name: String
    @Option(help: "Write the secret key here.") var out: String
    @Flag(help: "A witness cosigning key (C2SP tlog-cosignature, type 0x04).") var cosigner = false

    func run() async throws {
        try await runCommand {
            let signer = try NoteSigner.generate(name: name, type: cosigner ? .cosignatureV1 : .ed25519)
            var secret = signer.secretKeyString().unprotectedCopy()
            defer { secret.withUnsafeMutableBytes { buffer in for index in buffer.indices { buffer[index] = 0 } } }
            try Output.writeFile(secret, to: out, exclusive: true)
            Output.line(signer.verifier.description)
        }
    }
}

/// Proofs straight from a store (no signing key needed).
struct ProofSource {
    let store: any AuditStore

    func inclusionProof(index: UInt64, size: UInt64) async throws -> [TreeHash] {
        guard index < size, size <= (try await store.size()) else { throw AuditError(.outOfRange) }
        return try await ProofReader.inclusion(index: index, size: size, store: store)
    }

    func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [TreeHash] {
        guard oldSize <= newSize, newSize <= (try await store.size()) else { throw AuditError(.outOfRange) }
        return try await ProofReader.consistency(oldSize: oldSize, newSize: newSize, store: store)
    }
}
