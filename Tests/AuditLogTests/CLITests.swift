@testable import AuditLog
import AuditLogPostgres
import CryptoPrimitives
import Foundation
import PostgresTestSupport
import Testing

/// The `chatsec` binary as auditors and operators run it: exit codes, named indexes, JSON, and crash safety of
/// appends killed with SIGKILL.
@Suite("chatsec audit CLI", .serialized)
struct CLITests {
    static var chatsec: String {
        get throws {
            var candidates: [URL] = []
            if let directory = ProcessInfo.processInfo.environment["CHATSEC_BIN_DIR"] { candidates.append(URL(fileURLWithPath: directory)) }
            if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
            candidates.append(GoInteropTests.packageRoot.appendingPathComponent(".build/debug"))
            for directory in candidates where FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("chatsec").path) {
                return directory.appendingPathComponent("chatsec").path
            }
            throw GoInteropTests.Missing(description: "chatsec is not built (swift build --build-tests)")
        }
    }

    @discardableResult
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try chatsec)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Standard error is small here (one message); read it after standard output reaches its end.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    static func events(_ range: Range<Int>) -> String {
        range.map { #"{"tenant":"t1","actor":"svc:chat-server","event_type":"message.read","outcome":"success","resource":"conversation/\#($0)","request_id":"r\#($0)"}"# + "\n" }.joined()
    }

    /// `append` reads strict event lines: a typo, an unknown member or a wrong type is refused (exit 2) before
    /// anything is written, and the message names the line and member but never a value.
    @Test(arguments: [
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"faliure","resource":"r","request_id":"q"}"#, "outcome"),
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"success","resource":"r","request_id":"q","pan":"4111111111111111"}"#, "pan"),
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"success","resource":"r","request_id":7}"#, "request_id"),
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"success","request_id":"q"}"#, "resource"),
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"success","resource":"r","request_id":"q","attributes":{"n":1}}"#, "attribute"),
        (#"["tenant"]"#, "object"),
        (#"{"tenant":"secret-4111111111111111""#, "JSON"),
        (#"{"tenant":"t1","tenant":"t2","actor":"a","event_type":"e","outcome":"success","resource":"r","request_id":"q"}"#, "JSON"),
        ("{\"tenant\":\"t1\",\"actor\":\"a\",\"event_type\":\"e\",\"outcome\":\"success\",\"resource\":\"r\",\"request_id\":\"q\",\"attributes\":{\"\u{E9}\":\"1\",\"e\u{301}\":\"2\"}}", "JSON"),
        (#"{"tenant":"t1","actor":"a","event_type":"e","outcome":"success","resource":"r","request_id":"q","4111111111111111":"x"}"#, "unknown member"),
    ])
    func appendRefusesLooseEvents(line: String, named: String) async throws {
        let store = temporaryDirectory("cli-lines").appendingPathComponent("store").path
        let result = try Self.run(["audit", "append", "--store", store], input: Self.events(0..<1) + line + "\n" + Self.events(1..<2))
        #expect(result.status == 2)
        #expect(result.error.contains("line 2") && result.error.contains(named))
        #expect(!result.error.contains("4111111111111111"))
        // The first line was appended (and acknowledged); the bad line stopped the input before the third.
        #expect(result.output.split(separator: "\n").count == 1)
        let store2 = try FileAuditStore(directory: URL(fileURLWithPath: store))
        defer { store2.close() }
        #expect(try await store2.size() == 1)
    }

    /// The CLI's safeguards: a mistyped store is an error (never an empty, valid log), keys are never overwritten,
    /// exports stop at the last checkpoint, a kept checkpoint catches deleted ones, a witness refuses a rollback.
    @Test func auditorSafeguards() throws {
        let directory = temporaryDirectory("cli-safe")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = directory.appendingPathComponent("store").path
        let keyFile = directory.appendingPathComponent("log.key").path
        let key = try Self.run(["audit", "keygen", "--name", "audit.chatsecurity.test/safe", "--out", keyFile]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Self.run(["audit", "keygen", "--name", "other", "--out", keyFile]).status == 2, "a key file is never overwritten")
        let missing = directory.appendingPathComponent("no-such-store").path
        #expect(try Self.run(["audit", "verify", "--store", missing, "--key", key]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: missing))
        // --witness takes cosigning keys only.
        #expect(try Self.run(["audit", "verify", "--store", store, "--key", key, "--witness", key]).status == 2)

        #expect(try Self.run(["audit", "append", "--store", store], input: Self.events(0..<10)).status == 0)
        // No checkpoint: verify says nothing is proven; export refuses without --to.
        let unproven = try Self.run(["audit", "verify", "--store", store, "--key", key, "--json"])
        #expect(unproven.status == 1 && unproven.output.contains(#""problem":"unproven""#))
        let archive = directory.appendingPathComponent("a.archive").path
        #expect(try Self.run(["audit", "export", "--store", store, "--out", archive]).status == 2)
        let checkpoint = try Self.run(["audit", "checkpoint", "--store", store, "--signer-key-file", keyFile]).output
        let kept = directory.appendingPathComponent("kept.checkpoint").path
        try Data(checkpoint.utf8).write(to: URL(fileURLWithPath: kept))
        #expect(try Self.run(["audit", "append", "--store", store], input: Self.events(10..<15)).status == 0)
        // Export stops at the checkpoint (10), so the archive is fully proven.
        let exported = try Self.run(["audit", "export", "--store", store, "--out", archive, "--json"])
        #expect(exported.status == 0 && exported.output.contains(#""to":10"#))
        let permissions = try FileManager.default.attributesOfItem(atPath: archive)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let human = try Self.run(["audit", "verify", "--store", store, "--key", key])
        #expect(human.status == 0 && human.output.contains("the first 10 proven") && human.output.contains("the last 5"))
        // The checkpoint log emptied by an insider: the store alone is unproven, the kept checkpoint says truncated-or-changed.
        try Data().write(to: URL(fileURLWithPath: store + "/checkpoints.log"))
        #expect(try Self.run(["audit", "verify", "--store", store, "--key", key]).status == 1)
        let audited = try Self.run(["audit", "verify", "--store", store, "--key", key, "--trusted-checkpoint", kept, "--json"])
        #expect(audited.status == 0 && audited.output.contains(#""proven_size":10"#), "\(audited.output)")
        // A witness that cosigned size 10 refuses a log that shrank back (rollback): exit 1, REFUSED.
        let witnessFile = directory.appendingPathComponent("w.key").path, state = directory.appendingPathComponent("w.state").path
        _ = try Self.run(["audit", "keygen", "--name", "witness.chatsecurity.test/safe", "--cosigner", "--out", witnessFile])
        let rollbackStore = directory.appendingPathComponent("rollback").path
        #expect(try Self.run(["audit", "append", "--store", rollbackStore], input: Self.events(0..<4)).status == 0)
        #expect(try Self.run(["audit", "checkpoint", "--store", rollbackStore, "--signer-key-file", keyFile]).status == 0)
        try Data(checkpoint.utf8).write(to: URL(fileURLWithPath: state))  // the witness last saw size 10 (another history)
        let refused = try Self.run(["audit", "witness", "--store", rollbackStore, "--key", key, "--witness-key-file", witnessFile, "--state", state])
        #expect(refused.status == 1 && refused.output.hasPrefix("REFUSED"))
    }

    @Test func auditorWorkflowAndExitCodes() throws {
        let directory = temporaryDirectory("cli")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = directory.appendingPathComponent("store").path
        let keyFile = directory.appendingPathComponent("log.key").path
        let key = try Self.run(["audit", "keygen", "--name", "audit.chatsecurity.test/cli", "--out", keyFile]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let permissions = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try Self.run(["audit", "append", "--store", store], input: Self.events(0..<30)).output.split(separator: "\n").count == 30)
        #expect(try Self.run(["audit", "checkpoint", "--store", store, "--signer-key-file", keyFile]).status == 0)
        let ok = try Self.run(["audit", "verify", "--store", store, "--key", key, "--json"])
        #expect(ok.status == 0 && ok.output.contains(#""valid":true"#))
        // A witness: verify requiring it fails (exit 1) until it has cosigned, then reports what it witnessed.
        let witnessFile = directory.appendingPathComponent("witness.key").path, witnessState = directory.appendingPathComponent("witness.state").path
        let witnessKey = try Self.run(["audit", "keygen", "--name", "witness.chatsecurity.test/cli", "--cosigner", "--out", witnessFile]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let requireWitness = ["--witness", witnessKey, "--witnesses-required", "1", "--json"]
        let unwitnessed = try Self.run(["audit", "verify", "--store", store, "--key", key] + requireWitness)
        #expect(unwitnessed.status == 1 && unwitnessed.output.contains(#""problem":"unwitnessed""#))
        // A new witness must say so (--init); afterwards the state file is required.
        #expect(try Self.run(["audit", "witness", "--store", store, "--key", key, "--witness-key-file", witnessFile, "--state", witnessState]).status == 2)
        #expect(try Self.run(["audit", "witness", "--store", store, "--key", key, "--witness-key-file", witnessFile, "--state", witnessState, "--init"]).status == 0)
        #expect(try Self.run(["audit", "witness", "--store", store, "--key", key, "--witness-key-file", witnessFile, "--state", witnessState, "--init"]).status == 2)
        let witnessed = try Self.run(["audit", "verify", "--store", store, "--key", key] + requireWitness)
        #expect(witnessed.status == 0 && witnessed.output.contains(#""witnessed_size":30"#))
        let bundle = directory.appendingPathComponent("e7.tlog-proof").path
        #expect(try Self.run(["audit", "prove-inclusion", "--store", store, "--index", "7", "--key", key, "--out", bundle]).status == 0)
        #expect(try Self.run(["audit", "verify-proof", "--bundle", bundle, "--key", key]).status == 0)
        // The bundle carries the witnessed copy of the checkpoint.
        #expect(try Self.run(["audit", "verify-proof", "--bundle", bundle, "--key", key] + requireWitness).status == 0)
        // Another log's key: the bundle is refused (exit 1).
        let other = try NoteSigner.generate(name: "audit.chatsecurity.test/cli").verifier.description
        #expect(try Self.run(["audit", "verify-proof", "--bundle", bundle, "--key", other]).status == 1)
        // Export and verify the archive.
        let archive = directory.appendingPathComponent("range.archive").path
        #expect(try Self.run(["audit", "export", "--store", store, "--from", "5", "--out", archive]).status == 0)
        #expect(try Self.run(["audit", "verify", "--archive", archive, "--key", key]).status == 0)
        // Tamper: drop the last 4 records of the segment (the checkpoint covers them): exit 1 naming index 26.
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: store).first { $0.hasSuffix(".seg") })
        let records = try TamperTests.records(store + "/" + segment)
        try TamperTests.write(Array(records.dropLast(4)), to: store + "/" + segment)
        let failed = try Self.run(["audit", "verify", "--store", store, "--key", key, "--json"])
        #expect(failed.status == 1)
        #expect(failed.output.contains(#""first_bad_index":26"#) && failed.output.contains(#""problem":"truncated""#))
        let human = try Self.run(["audit", "verify", "--store", store, "--key", key])
        #expect(human.status == 1 && human.output.contains("from index 26"))
        // Usage errors exit 2 (here: two stores at once) or 64 (ArgumentParser's usage code).
        #expect(try Self.run(["audit", "verify", "--store", store, "--archive", archive, "--key", key]).status != 0)
    }

    /// Kill -9 `chatsec audit append` in the middle of bursts, again and again: every acknowledged entry is there
    /// afterwards, the store opens, and verify passes.
    @Test(arguments: ["file", "postgresql"])
    func killedAppendsLoseNothing(backend: String) async throws {
        // Writing to the killed child's stdin must fail with EPIPE, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let directory = temporaryDirectory("crash")
        var storeArguments = ["--store", directory.path]
        var prefix = ""
        if backend == "postgresql" {
            let installed = try await PostgresStoreTests.install()
            storeArguments = ["--postgres", installed.writerURL, "--prefix", installed.prefix]
            prefix = installed.prefix
        }
        var acknowledged: [UInt64: String] = [:]
        for round in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try Self.chatsec)
            process.arguments = ["audit", "append"] + storeArguments
            let stdin = Pipe(), stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            let writer = Thread {
                for batch in 0..<400 {
                    let data = Data(Self.events((round * 100_000 + batch * 50)..<(round * 100_000 + batch * 50 + 50)).utf8)
                    do { try stdin.fileHandleForWriting.write(contentsOf: data) } catch { return }
                }
            }
            writer.start()
            let reader = Locked<[String]>([])
            let readerThread = Thread {
                var buffer = Data()
                while true {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    buffer += chunk
                    while let newline = buffer.firstIndex(of: 0x0A) {
                        let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                        buffer = Data(buffer[(newline + 1)...])
                        reader.withLock { $0.append(line) }
                    }
                }
            }
            readerThread.start()
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...900)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? stdin.fileHandleForWriting.close()
            while readerThread.isExecuting { try await Task.sleep(for: .milliseconds(10)) }
            for line in reader.withLock({ $0 }) {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let index = object["index"] as? UInt64 ?? (object["index"] as? Int).map(UInt64.init), let leaf = object["leaf_hash"] as? String else { continue }
                acknowledged[index] = leaf
            }
            #expect(!acknowledged.isEmpty)
        }
        // Reopen and check every acknowledged entry, then verify with a checkpoint.
        let store: any AuditStore
        let closeStore: () -> Void
        if backend == "file" {
            let file = try FileAuditStore(directory: directory)
            store = file
            closeStore = { file.close() }
        } else {
            let postgres = try PostgresAuditStore(url: storeArguments[1], prefix: prefix)
            store = postgres
            closeStore = { postgres.close() }
        }
        defer { closeStore() }
        let size = try await store.size()
        #expect(size >= UInt64(acknowledged.count))
        let entries = try await store.entries(from: 0, count: Int(size))
        let hasher = MerkleHasher()
        for (index, leaf) in acknowledged {
            #expect(Int(index) < entries.count && hasher.leafHash(entries[Int(index)]).base64 == leaf, "acknowledged entry \(index)")
        }
        let signer = try testSigner()
        try await AuditLog(store: store, signer: signer).publishCheckpoint()
        let report = try await AuditVerifier.verify(store: store, logVerifier: signer.verifier)
        #expect(report.isValid, "\(String(describing: report.problem))")
        print("[crash] \(backend): 6 kills, \(acknowledged.count) acknowledged entries all present, \(size) in the log, verify OK")
    }
}

/// A value behind a lock, for the reader thread.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
