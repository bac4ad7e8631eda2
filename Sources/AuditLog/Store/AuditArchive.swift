
/// A range of a log in one file, for auditors and retention (`chatsec audit export`; `verify --archive` checks
/// it). It carries what is needed to verify the range on its own: the previous entry's leaf hash and the
/// tree's right edge at the range's start (both proven by any checkpoint in the range), the entries, and the
/// signed checkpoints whose sizes fall in the range.
///
///     "chatsec-audit-archive-v1\n"
///     | start index (8) | end index (8) | previous leaf hash (32) | right-edge count (1) | right-edge hashes (32 each)
///     | entry count (8) | entries: length (4) | bytes
///     | checkpoint count (4) | checkpoints: size (8) | length (4) | signed note
///     | SHA-256 of everything before (32)
///
/// All integers big-endian. Reading bounds every count and length and refuses trailing bytes.
public struct AuditArchive: Sendable {
    /// The first index.
    public let start: UInt64
    /// The leaf hash of entry `start - 1`.
    public let previousLeafHash: TreeHash
    /// The right edge of the tree of `start` entries.
    public let edge: [TreeHash]
    /// The entries `[start, start + entries.count)`.
    public let entries: [[UInt8]]
    /// Checkpoints in the range.
    public let checkpoints: [StoredCheckpoint]

    static let magic = Array("chatsec-audit-archive-v1\n".utf8)

    /// An archive.
    public init(start: UInt64, previousLeafHash: TreeHash, edge: [TreeHash], entries: [[UInt8]], checkpoints: [StoredCheckpoint]) {
        self.start = start
        self.previousLeafHash = previousLeafHash
        self.edge = edge
        self.entries = entries
        self.checkpoints = checkpoints
    }

    /// Exports `[start, end)` of `store`.
    public static func export(from store: some AuditStore, start: UInt64, end: UInt64) async throws -> AuditArchive {
        let size = try await store.size()
        guard start <= end, end <= size else { throw AuditError(.outOfRange) }
        let edge = try await store.nodes(Appender.decompositionAddresses(size: start))
        let previous = start == 0 ? TreeHash.zero : (try await store.nodes([NodeAddress(level: 0, index: start - 1)]).first ?? .zero)
        var entries: [[UInt8]] = []
        while UInt64(entries.count) < end - start {
            let chunk = try await store.entries(from: start + UInt64(entries.count), count: Int(min(8192, end - start - UInt64(entries.count))))
            guard !chunk.isEmpty else { throw AuditError(.corrupted) }
            entries += chunk
        }
        let checkpoints = try await store.checkpoints().filter { $0.size > start && $0.size <= end }
        return AuditArchive(start: start, previousLeafHash: previous, edge: edge, entries: entries, checkpoints: checkpoints)
    }

    /// The file bytes.
    public func serialized() -> [UInt8] {
        var output = Self.magic
        output += Self.be64(start) + Self.be64(start + UInt64(entries.count)) + previousLeafHash.bytes
        output.append(UInt8(edge.count))
        for hash in edge { output += hash.bytes }
        output += Self.be64(UInt64(entries.count))
        for entry in entries { output += Self.be32(UInt32(entry.count)) + entry }
        output += Self.be32(UInt32(checkpoints.count))
        for checkpoint in checkpoints {
            let note = Array(checkpoint.note.utf8)
            output += Self.be64(checkpoint.size) + Self.be32(UInt32(note.count)) + note
        }
        output += CryptoDigest.sha256(output)
        return output
    }

    /// Reads an archive file.
    public init(parsing bytes: [UInt8]) throws(AuditError) {
        guard bytes.count >= Self.magic.count + 32, bytes.starts(with: Self.magic),
              CryptoDigest.sha256(Array(bytes.dropLast(32))) == Array(bytes.suffix(32))
        else { throw AuditError(.corrupted, "not an intact audit archive") }
        var reader = ByteReader(bytes: Array(bytes.dropLast(32)), position: Self.magic.count)
        do {
            let start = try reader.uint64()
            let end = try reader.uint64()
            guard let previous = TreeHash(bytes: try reader.bytes(32)) else { throw AuditError(.corrupted) }
            guard let edgeCount = try reader.bytes(1).first, edgeCount <= 64 else { throw AuditError(.corrupted) }
            var edge: [TreeHash] = []
            for _ in 0..<edgeCount {
                guard let hash = TreeHash(bytes: try reader.bytes(32)) else { throw AuditError(.corrupted) }
                edge.append(hash)
            }
            let count = try reader.uint64()
            guard end >= start, count == end - start, count <= UInt64(bytes.count / 4) else { throw AuditError(.corrupted) }
            var entries: [[UInt8]] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                let length = Int(try reader.uint32())
                guard length <= AuditEntry.maximumEncodedLength else { throw AuditError(.corrupted) }
                entries.append(Array(try reader.bytes(length)))
            }
            let checkpointCount = try reader.uint32()
            guard checkpointCount <= 1_000_000 else { throw AuditError(.corrupted) }
            var checkpoints: [StoredCheckpoint] = []
            for _ in 0..<checkpointCount {
                let size = try reader.uint64()
                let length = Int(try reader.uint32())
                guard length <= SignedNote.maximumLength * 2, let note = String(validating: try reader.bytes(length), as: UTF8.self) else { throw AuditError(.corrupted) }
                checkpoints.append(StoredCheckpoint(size: size, note: note))
            }
            guard reader.isAtEnd else { throw AuditError(.corrupted) }
            self.init(start: start, previousLeafHash: previous, edge: edge, entries: entries, checkpoints: checkpoints)
        } catch {
            throw AuditError(.corrupted, "not an intact audit archive")
        }
    }

    /// Where verification of the archive starts.
    public func verificationStart() throws -> AuditVerifier.Start {
        AuditVerifier.Start(index: start, previousLeafHash: previousLeafHash, range: try CompactRange(size: start, nodes: edge))
    }

    static func be64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) } }
    static func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) } }
}

/// An archive read back as a read-only store (for `verify`).
public final class ArchiveStore: AuditStore, Sendable {
    /// The archive.
    public let archive: AuditArchive

    /// A store over `archive`.
    public init(_ archive: AuditArchive) { self.archive = archive }

    /// Archives are read-only.
    public func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] { throw AuditError(.storageFailure, "archives are read-only") }
    /// The end index.
    public func size() async throws -> UInt64 { archive.start + UInt64(archive.entries.count) }
    /// Entries by absolute index.
    public func entries(from start: UInt64, count: Int) async throws -> [[UInt8]] {
        guard start >= archive.start else { return [] }
        let first = Int(start - archive.start)
        guard first < archive.entries.count else { return [] }
        return Array(archive.entries[first..<min(archive.entries.count, first + count)])
    }
    /// Archives hold no nodes.
    public func nodes(_ addresses: [NodeAddress]) async throws -> [TreeHash] { throw TreeError(.missingNode) }
    /// Archives are read-only.
    public func saveCheckpoint(_ note: String, size: UInt64) async throws { throw AuditError(.storageFailure, "archives are read-only") }
    /// The archive's checkpoints.
    public func checkpoints() async throws -> [StoredCheckpoint] { archive.checkpoints }
}
