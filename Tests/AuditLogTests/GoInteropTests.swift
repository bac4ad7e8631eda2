@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// Go's own implementation checks ours: `golang.org/x/mod/sumdb/tlog` recomputes our roots and verifies our
/// inclusion and consistency proofs (and refuses altered ones) for random trees of many sizes, and
/// `golang.org/x/mod/sumdb/note` opens our signed (and cosigned) checkpoints. The Go program is
/// `Tests/tooling/audit/gocheck`, built offline in GOPATH mode from Debian's `golang-golang-x-mod-dev`.
@Suite("Go sumdb interop", .serialized)
struct GoInteropTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Missing: Error, CustomStringConvertible { let description: String }

    /// Builds the checker once per process.
    static let binary: Result<String, any Error> = Result { try buildGo("Tests/tooling/audit/gocheck/main.go", name: "gocheck") }

    /// Builds a Go program of this repository offline (GOPATH mode against Debian's x/mod) into a temporary
    /// directory.
    static func buildGo(_ source: String, name: String) throws -> String {
        let go = ["/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let go else { throw Missing(description: "go is not installed (apt golang-go; Tests/tooling/run-tests installs it)") }
        guard FileManager.default.fileExists(atPath: "/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog") else {
            throw Missing(description: "golang.org/x/mod is not installed (apt golang-golang-x-mod-dev)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: go)
        process.arguments = ["build", "-o", output, packageRoot.appendingPathComponent(source).path]
        var environment = ProcessInfo.processInfo.environment
        environment["GOPATH"] = "/usr/share/gocode"
        environment["GO111MODULE"] = "off"
        environment["GOCACHE"] = directory.appendingPathComponent("cache").path
        environment["GOFLAGS"] = ""
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Missing(description: "building \(source) failed") }
        return output
    }

    struct GoResult: Decodable { let kind: String; let checked: Int; let failed: Int; let detail: String? }

    static func run(_ input: [String: Any]) throws -> [GoResult] {
        let binary = try Self.binary.get()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let data = try JSONSerialization.data(withJSONObject: input)
        let writer = Thread { stdin.fileHandleForWriting.write(data); try? stdin.fileHandleForWriting.close() }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map { try JSONDecoder().decode(GoResult.self, from: Data($0.utf8)) }
    }

    static func altered(_ proof: [TreeHash], _ generator: inout SystemRandomNumberGenerator) -> [TreeHash] {
        guard !proof.isEmpty else { return [MerkleHasher.emptyRoot] }
        var copy = proof
        let position = Int.random(in: 0..<copy.count, using: &generator)
        var bytes = copy[position].bytes
        bytes[Int.random(in: 0..<32, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        copy[position] = TreeHash(bytes: bytes) ?? .zero
        return copy
    }

    @Test func goAgreesWithOurTreesAndProofs() throws {
        var generator = SystemRandomNumberGenerator()
        var sizes: [Int] = Array(1...33) + [63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4097]
        sizes += (0..<12).map { _ in Int.random(in: 2...3000, using: &generator) }
        var trees: [[String: Any]] = []
        var expectedChecks = 0
        for size in sizes {
            let tree = MemoryTree()
            var leaves: [String] = []
            for _ in 0..<size {
                let data = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                tree.append(entry: data)
                leaves.append(Data(data).base64EncodedString())
            }
            var inclusions: [[String: Any]] = []
            for _ in 0..<min(size, 12) {
                let n = UInt64.random(in: 1...UInt64(size), using: &generator)
                let index = UInt64.random(in: 0..<n, using: &generator)
                let proof = try tree.inclusionProof(index: index, size: n)
                let root = try tree.root(size: n).base64
                inclusions.append(["index": index, "size": n, "root": root, "proof": proof.map(\.base64), "expect": true])
                inclusions.append(["index": index, "size": n, "root": root, "proof": Self.altered(proof, &generator).map(\.base64), "expect": false])
            }
            var consistency: [[String: Any]] = []
            for _ in 0..<min(size, 12) {
                let new = UInt64.random(in: 1...UInt64(size), using: &generator)
                let old = UInt64.random(in: 1...new, using: &generator)
                let proof = try tree.consistencyProof(oldSize: old, newSize: new)
                let (oldRoot, newRoot) = (try tree.root(size: old).base64, try tree.root(size: new).base64)
                consistency.append(["old": old, "new": new, "old_root": oldRoot, "new_root": newRoot, "proof": proof.map(\.base64), "expect": true])
                if old < new {
                    consistency.append(["old": old, "new": new, "old_root": oldRoot, "new_root": newRoot, "proof": Self.altered(proof, &generator).map(\.base64), "expect": false])
                }
            }
            expectedChecks += 1 + inclusions.count + consistency.count
            trees.append(["leaves": leaves, "root": tree.root.base64, "inclusions": inclusions, "consistency": consistency])
        }
        let results = try Self.run(["trees": trees])
        #expect(results.count == sizes.count)
        for result in results { #expect(result.failed == 0, "\(result.detail ?? "")") }
        #expect(results.reduce(0) { $0 + $1.checked } == expectedChecks)
        print("[interop] Go sumdb/tlog: \(expectedChecks) roots and proofs over \(sizes.count) trees (sizes 1…\(sizes.max() ?? 0)) agree; every altered proof refused")
    }

    @Test func goOpensOurSignedCheckpoints() async throws {
        let directory = temporaryDirectory("go-notes")
        let store = try FileAuditStore(directory: directory)
        defer { store.close() }
        let signer = try NoteSigner.generate(name: "audit.chatsecurity.test/interop")
        let log = AuditLog(store: store, signer: signer)
        var notes: [[String: Any]] = []
        for round in 0..<5 {
            _ = try await log.append(contentsOf: (0..<(round * 37 + 1)).map { sampleEvent($0) })
            let checkpoint = try await log.publishCheckpoint()
            notes.append(["note": checkpoint.serialized, "verifiers": [signer.verifier.description], "text": checkpoint.checkpoint.text, "expect": true])
        }
        // Cosigned: Go ignores the witness's signature (an unknown key to it) and accepts the log's.
        let witness = try NoteSigner.generate(name: "witness.chatsecurity.test/w1", type: .cosignatureV1)
        let latest = try #require(try await log.latestCheckpoint())
        let cosigned = try Cosignature.cosign(latest, with: witness, timestamp: 1_795_000_000)
        notes.append(["note": cosigned.serialized, "verifiers": [signer.verifier.description], "text": latest.checkpoint.text, "expect": true])
        // A checkpoint signed by another key under the log's name, and one with a changed size: Go refuses both.
        let impostor = try NoteSigner.generate(name: signer.name)
        let forged = try SignedCheckpoint(signing: latest.checkpoint, with: impostor)
        notes.append(["note": forged.serialized, "verifiers": [signer.verifier.description], "text": latest.checkpoint.text, "expect": false])
        let altered = latest.serialized.replacingOccurrences(of: "\n\(latest.checkpoint.size)\n", with: "\n\(latest.checkpoint.size + 1)\n")
        notes.append(["note": altered, "verifiers": [signer.verifier.description], "text": latest.checkpoint.text, "expect": false])
        let results = try Self.run(["notes": notes])
        #expect(results.count == notes.count)
        for result in results { #expect(result.failed == 0, "\(result.detail ?? "")") }
        print("[interop] Go sumdb/note: \(notes.count) signed checkpoints opened or refused as expected")
    }
}
