import Foundation

/// An offline proof (C2SP tlog-proof v1): an entry's index, its inclusion proof and a signed checkpoint in one
/// text file (`.tlog-proof`). ChatSecurity puts the entry's canonical bytes in the `extra` line, so the bundle
/// alone shows what was logged and proves that it was.
///
///     c2sp.org/tlog-proof@v1
///     extra <base64 entry>
///     index <n>
///     <base64 proof hash>…
///
///     <signed checkpoint>
public struct ProofBundle: Sendable, Hashable {
    /// The entry's canonical bytes (from `extra`), if present.
    public let entry: [UInt8]?
    /// The entry's index.
    public let index: UInt64
    /// The inclusion proof, leaf side first.
    public let proof: [TreeHash]
    /// The checkpoint note, verbatim.
    public let checkpointNote: String

    static let header = "c2sp.org/tlog-proof@v1"

    /// A bundle.
    public init(entry: [UInt8]?, index: UInt64, proof: [TreeHash], checkpointNote: String) {
        self.entry = entry
        self.index = index
        self.proof = proof
        self.checkpointNote = checkpointNote
    }

    /// The file contents.
    public var serialized: String {
        var lines = [Self.header]
        if let entry { lines.append("extra " + Data(entry).base64EncodedString()) }
        lines.append("index \(index)")
        lines += proof.map(\.base64)
        return lines.joined(separator: "\n") + "\n\n" + checkpointNote
    }

    /// Parses a bundle (strictly: the lines in order, canonical numbers and base64, at most 64 proof hashes).
    public init(parsing text: String) throws(AuditError) {
        guard text.utf8.count <= (1 << 21), let blank = text.range(of: "\n\n") else { throw AuditError(.malformedNote, "malformed proof bundle") }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard lines.popFirst() == Self.header else { throw AuditError(.malformedNote, "not a tlog-proof") }
        var entry: [UInt8]?
        if let first = lines.first, first.hasPrefix("extra ") {
            guard let data = Data(base64Encoded: String(first.dropFirst(6))) else { throw AuditError(.malformedNote, "malformed proof bundle") }
            entry = Array(data)
            lines = lines.dropFirst()
        }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index "), let index = UInt64(indexLine.dropFirst(6)),
              String(index) == indexLine.dropFirst(6), lines.count <= 64
        else { throw AuditError(.malformedNote, "malformed proof bundle") }
        var proof: [TreeHash] = []
        for line in lines {
            guard let hash = TreeHash(base64: line), hash.base64 == line else { throw AuditError(.malformedNote, "malformed proof bundle") }
            proof.append(hash)
        }
        self.init(entry: entry, index: index, proof: proof, checkpointNote: String(text[blank.upperBound...]))
    }

    /// Verifies the bundle offline: the checkpoint is signed by the log (and the required witnesses), the entry
    /// (if included) is valid and at `index`, and the proof leads from its leaf hash to the checkpoint's root.
    public func verify(logVerifier: NoteVerifier, witnesses: [NoteVerifier] = [], requiredWitnesses: Int = 0, leafHash: TreeHash? = nil) throws -> (SignedCheckpoint, AuditEntry?) {
        let checkpoint = try SignedCheckpoint(parsing: checkpointNote, logVerifier: logVerifier, witnesses: witnesses, requiredWitnesses: requiredWitnesses)
        let hasher = MerkleHasher()
        var decoded: AuditEntry?
        var leaf = leafHash
        if let entry {
            let parsed = try AuditEntry(decoding: entry)
            guard parsed.index == index else { throw AuditError(.corrupted, "the entry's index is not the bundle's") }
            decoded = parsed
            let computed = hasher.leafHash(entry)
            if let leafHash, leafHash != computed { throw AuditError(.corrupted, "the entry does not match the leaf hash") }
            leaf = computed
        }
        guard let leaf else { throw AuditError(.malformedNote, "the bundle has no entry and no leaf hash was given") }
        try MerkleProofs.verifyInclusion(index: index, size: checkpoint.checkpoint.size, leafHash: leaf, proof: proof, root: checkpoint.checkpoint.root, hasher: hasher)
        return (checkpoint, decoded)
    }
}

extension ProofBundle: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The index and proof length only (the entry's fields stay out of logs).
    public var description: String { "ProofBundle(index: \(index), \(proof.count) proof hashes)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Only the index is mirrored.
    public var customMirror: Mirror { Mirror(self, children: ["index": index], displayStyle: .struct) }
}
