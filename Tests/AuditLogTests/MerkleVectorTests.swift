@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing
import TestVectorKit

/// The RFC 6962 tree against transparency-dev/merkle's published vectors: the hasher values, the reference tree
/// of 8 leaves (every node, root and compact range), the reference proofs, every probe file under `testdata/`
/// (inclusion, consistency, subtree inclusion, subtree consistency; the invalid ones must be refused) and the
/// accumulated subtree vectors of draft-ietf-plants-merkle-tree-certs.
@Suite("Merkle tree vectors")
struct MerkleVectorTests {
    struct Constants: Decodable {
        struct Hasher: Decodable {
            struct Vector: Decodable {
                let function: String
                let input_hex: String?
                let left_hex: String?
                let right_hex: String?
                let expected: String
            }
            let vectors: [Vector]
        }
        struct ReferenceTree: Decodable {
            struct Levels: Decodable { let levels: [[String]] }
            struct Values: Decodable { let values: [String] }
            struct Compact: Decodable {
                struct Node: Decodable { let level: Int; let index: UInt64; let hash: String }
                let values: [String: [Node]]
            }
            let leaf_inputs_hex: [String]
            let node_hashes: Levels
            let root_hashes: Values
            let compact_trees: Compact
        }
        struct ReferenceProofs: Decodable {
            struct Inclusion: Decodable { let index: UInt64; let size: UInt64; let leaf_hash: String; let root: String; let proof: [String] }
            struct Consistency: Decodable { let size1: UInt64; let size2: UInt64; let root1: String; let root2: String; let proof: [String] }
            struct SubtreeConsistency: Decodable { let start: UInt64; let end: UInt64; let size: UInt64; let known: Bool; let proof: [String] }
            let inclusion: [Inclusion]
            let consistency: [Consistency]
            let subtree_consistency: [SubtreeConsistency]
        }
        struct Accumulated: Decodable {
            struct Vector: Decodable { let name: String; let expected_sha256: String }
            let vectors: [Vector]
        }
        let hasher: Hasher
        let reference_tree: ReferenceTree
        let reference_proofs: ReferenceProofs
        let accumulated_subtree_vectors: Accumulated
    }

    static let constants: Constants? = try? TestVectors.json(Constants.self, "merkle/reference-constants.json")

    static func hash(_ hex: String) throws -> TreeHash { try #require(TreeHash(hex: hex)) }

    static func referenceTree() throws -> MemoryTree {
        let tree = MemoryTree()
        for input in try #require(constants).reference_tree.leaf_inputs_hex { tree.append(entry: try Hex.decode(input)) }
        return tree
    }

    @Test func hasherVectors() throws {
        let hasher = MerkleHasher()
        let vectors = try #require(Self.constants).hasher.vectors
        for vector in vectors {
            switch vector.function {
            case "empty_root": #expect(MerkleHasher.emptyRoot.hex == vector.expected)
            case "leaf_hash": #expect(hasher.leafHash(try Hex.decode(vector.input_hex ?? "")).hex == vector.expected)
            case "node_hash":
                #expect(hasher.nodeHash(rawLeft: try Hex.decode(vector.left_hex ?? ""), rawRight: try Hex.decode(vector.right_hex ?? "")).hex == vector.expected)
            default: Issue.record("unknown hasher function")
            }
        }
        print("[vectors] merkle/reference-constants.json hasher: \(vectors.count) checked")
    }

    @Test func referenceTreeNodesRootsAndCompactRanges() throws {
        let constants = try #require(Self.constants).reference_tree
        let hasher = MerkleHasher()
        let tree = MemoryTree()
        var range = CompactRange()
        var checked = 0
        #expect(try tree.root(size: 0) == MerkleHasher.emptyRoot)
        for (size, input) in constants.leaf_inputs_hex.enumerated() {
            let leaf = hasher.leafHash(try Hex.decode(input))
            tree.append(leafHash: leaf)
            range.append(leaf, hasher: hasher)
            #expect(range.root(hasher: hasher).hex == constants.root_hashes.values[size + 1])
            let compact = constants.compact_trees.values[String(size + 1)] ?? []
            #expect(range.nodes.map(\.hash.hex) == compact.map(\.hash))
            #expect(range.nodes.map(\.level) == compact.map(\.level))
            checked += 2
        }
        for (level, hashes) in constants.node_hashes.levels.enumerated() {
            for (index, expected) in hashes.enumerated() {
                #expect(try tree.readNodes([NodeAddress(level: level, index: UInt64(index))]).first?.hex == expected)
                checked += 1
            }
        }
        for size in 0...8 { #expect(try tree.root(size: UInt64(size)).hex == constants.root_hashes.values[size]) }
        print("[vectors] merkle/reference-constants.json reference tree: \(checked + 9) checked")
    }

    @Test func referenceProofs() throws {
        let proofs = try #require(Self.constants).reference_proofs
        let tree = try Self.referenceTree()
        let hasher = MerkleHasher()
        for vector in proofs.inclusion {
            let proof = try tree.inclusionProof(index: vector.index, size: vector.size)
            #expect(proof.map(\.hex) == vector.proof, "inclusion \(vector.index)/\(vector.size)")
            try MerkleProofs.verifyInclusion(index: vector.index, size: vector.size, leafHash: try Self.hash(vector.leaf_hash), proof: proof,
                                             root: try Self.hash(vector.root), hasher: hasher)
        }
        for vector in proofs.consistency {
            let proof = try tree.consistencyProof(oldSize: vector.size1, newSize: vector.size2)
            #expect(proof.map(\.hex) == vector.proof, "consistency \(vector.size1)→\(vector.size2)")
            try MerkleProofs.verifyConsistency(oldSize: vector.size1, newSize: vector.size2, oldRoot: try Self.hash(vector.root1),
                                               newRoot: try Self.hash(vector.root2), proof: proof, hasher: hasher)
        }
        for vector in proofs.subtree_consistency {
            guard SubtreeProofs.isValid(start: vector.start, end: vector.end), vector.end <= vector.size else {
                // The reference returns an empty proof for an impossible request; we refuse it.
                #expect(vector.proof.isEmpty)
                #expect(throws: TreeError.self) {
                    try SubtreeProofs.consistencyProof(start: vector.start, end: vector.end, size: vector.size, reader: tree, hasher: hasher)
                }
                continue
            }
            var proof = try SubtreeProofs.consistencyProof(start: vector.start, end: vector.end, size: vector.size, reader: tree, hasher: hasher)
            if !vector.known {
                // An unknown subtree root travels as the proof's first element; only the whole-tree case occurs.
                #expect(vector.start == 0 && vector.end == vector.size)
                proof.insert(try SubtreeProofs.hash(start: vector.start, end: vector.end, reader: tree, hasher: hasher), at: 0)
            }
            #expect(proof.map(\.hex) == vector.proof, "subtree consistency [\(vector.start), \(vector.end)) in \(vector.size)")
        }
        print("[vectors] merkle/reference-constants.json reference proofs: \(proofs.inclusion.count + proofs.consistency.count + proofs.subtree_consistency.count) checked")
    }

    /// The draft's accumulated vectors: every valid subtree of trees of up to 130 one-byte leaves, hashed line by
    /// line into one SHA-256.
    @Test func accumulatedSubtreeVectors() throws {
        let expected = Dictionary(uniqueKeysWithValues: try #require(Self.constants).accumulated_subtree_vectors.vectors.map { ($0.name, $0.expected_sha256) })
        let tree = MemoryTree()
        for value in 0..<130 { tree.append(entry: [UInt8(value)]) }
        let hasher = MerkleHasher()
        var hashLines = "", inclusionLines = "", consistencyLines = "", coveringLines = ""
        var lines = 0
        for end in UInt64(0)...130 {
            for start in UInt64(0)...end {
                let (left, right) = SubtreeProofs.covering(start: start, end: end)
                coveringLines += "[\(left.0), \(left.1)) [\(right.0), \(right.1))\n"
                guard SubtreeProofs.isValid(start: start, end: end) else { continue }
                hashLines += "[\(start), \(end)) \(try SubtreeProofs.hash(start: start, end: end, reader: tree, hasher: hasher).hex)\n"
                for index in start..<end {
                    let proof = try SubtreeProofs.inclusionProof(index: index, start: start, end: end, reader: tree, hasher: hasher)
                    inclusionLines += "\(index) [\(start), \(end))" + proof.map { " " + $0.hex }.joined() + "\n"
                }
                lines += 1
            }
        }
        for n in UInt64(0)...130 {
            for end in UInt64(0)...n {
                for start in UInt64(0)...end where SubtreeProofs.isValid(start: start, end: end) {
                    let proof = try SubtreeProofs.consistencyProof(start: start, end: end, size: n, reader: tree, hasher: hasher)
                    consistencyLines += "[\(start), \(end)) \(n)" + proof.map { " " + $0.hex }.joined() + "\n"
                }
            }
        }
        func digest(_ text: String) -> String { Hex.encode(SHA256.hash(Array(text.utf8))) }
        #expect(digest(hashLines) == expected["subtree_hash"])
        #expect(digest(inclusionLines) == expected["subtree_inclusion_proof"])
        #expect(digest(consistencyLines) == expected["subtree_consistency_proof"])
        #expect(digest(coveringLines) == expected["subtree_covering"])
        print("[vectors] merkle/reference-constants.json accumulated subtree vectors: 4 digests over \(lines) valid subtrees checked")
    }

    // MARK: - testdata/ probes

    struct Probe: Decodable {
        let leafIdx: UInt64?
        let treeSize: UInt64?
        let start: UInt64?
        let end: UInt64?
        let size: UInt64?
        let size1: UInt64?
        let size2: UInt64?
        let root: String?
        let root1: String?
        let root2: String?
        let leafHash: String?
        let proof: [String]?
        let wantErr: Bool
    }

    /// Every JSON file below `folder`.
    static func probeFiles(_ folder: String) throws -> [String] {
        let base = try TestVectors.url(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    /// A hash from a probe. Our hashes are 32 bytes by type. A leaf hash of another length is refused, as the
    /// reference verifier refuses it. Roots and proof elements of another length (the probes use short
    /// placeholders such as "root" for tests of root equality) are mapped to SHA-256 of the given bytes, which
    /// keeps equal values equal and different ones different; the verifier then decides, independently of the
    /// probe's expected outcome.
    static func probeHash(_ base64: String?) -> TreeHash? {
        guard let base64, let data = Data(base64Encoded: base64) else { return nil }
        if let hash = TreeHash(bytes: data) { return hash }
        return TreeHash(bytes: SHA256.hash(data))
    }

    /// A leaf hash from a probe: exactly 32 bytes or refused.
    static func probeLeafHash(_ base64: String?) -> TreeHash? {
        guard let base64, let data = Data(base64Encoded: base64) else { return nil }
        return TreeHash(bytes: data)
    }

    static func outcome(_ probe: Probe, kind: String) -> Bool {
        let hasher = MerkleHasher()
        var proof: [TreeHash] = []
        for element in probe.proof ?? [] {
            guard let hash = probeHash(element) else { return false }
            proof.append(hash)
        }
        do {
            switch kind {
            case "inclusion":
                guard let leaf = probeLeafHash(probe.leafHash), let root = probeHash(probe.root) else { return false }
                try MerkleProofs.verifyInclusion(index: probe.leafIdx ?? 0, size: probe.treeSize ?? 0, leafHash: leaf, proof: proof, root: root, hasher: hasher)
            case "consistency":
                guard let root1 = probeHash(probe.root1), let root2 = probeHash(probe.root2) else { return false }
                try MerkleProofs.verifyConsistency(oldSize: probe.size1 ?? 0, newSize: probe.size2 ?? 0, oldRoot: root1, newRoot: root2, proof: proof, hasher: hasher)
            case "subtreeinclusion":
                guard let leaf = probeLeafHash(probe.leafHash), let root = probeHash(probe.root) else { return false }
                try SubtreeProofs.verifyInclusion(index: probe.leafIdx ?? 0, start: probe.start ?? 0, end: probe.end ?? 0, leafHash: leaf, proof: proof,
                                                  subtreeHash: root, hasher: hasher)
            default:
                guard let root1 = probeHash(probe.root1), let root2 = probeHash(probe.root2) else { return false }
                try SubtreeProofs.verifyConsistency(start: probe.start ?? 0, end: probe.end ?? 0, size: probe.size ?? 0, subtreeHash: root1, root: root2,
                                                    proof: proof, hasher: hasher)
            }
            return true
        } catch {
            return false
        }
    }

    @Test(arguments: ["inclusion", "consistency", "subtreeinclusion", "subtreeconsistency"])
    func probes(kind: String) throws {
        let files = try Self.probeFiles("merkle/testdata/\(kind)")
        var refused = 0
        for file in files {
            let probe = try TestVectors.json(Probe.self, file)
            let accepted = Self.outcome(probe, kind: kind)
            #expect(accepted == !probe.wantErr, "\(file)")
            if !accepted { refused += 1 }
        }
        #expect(files.count > 90)
        print("[vectors] merkle/testdata/\(kind): \(files.count) checked (\(files.count - refused) accepted, \(refused) refused as expected)")
    }
}
