import Foundation

/// The audit log the key service and the chat server write to: append events and get receipts, publish signed
/// checkpoints, and produce inclusion proofs, consistency proofs and offline proof bundles.
///
/// Appends that arrive while a write is in flight are committed together in the next write (group commit): each
/// caller still gets its receipt only once its entry is durable, and the order is the order of arrival.
public actor AuditLog {
    /// The store.
    public let store: any AuditStore
    /// The log's signing key; its name is the checkpoints' origin.
    public let signer: NoteSigner
    private let clock: @Sendable () -> Int64
    private var pending: [(event: AuditEvent, continuation: CheckedContinuation<AuditReceipt, any Error>)] = []
    private var writing = false

    /// The most events one group commit writes.
    public static let maximumBatch = 1024

    /// A log over `store`, signing with `signer`. `clock` gives milliseconds since the epoch, UTC.
    public init(store: any AuditStore, signer: NoteSigner, clock: (@Sendable () -> Int64)? = nil) {
        self.store = store
        self.signer = signer
        self.clock = clock ?? { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
    }

    /// The checkpoints' origin.
    public nonisolated var origin: String { signer.name }

    /// Appends one event; returns once it is durable.
    public func append(_ event: AuditEvent) async throws -> AuditReceipt {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((event, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Appends events in one write; returns once they are durable.
    public func append(contentsOf events: [AuditEvent]) async throws -> [AuditReceipt] {
        try await store.append(events, time: clock())
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maximumBatch))
            pending.removeFirst(batch.count)
            do {
                let receipts = try await store.append(batch.map(\.event), time: clock())
                for (item, receipt) in zip(batch, receipts) { item.continuation.resume(returning: receipt) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }

    /// Signs and stores a checkpoint of the current tree.
    ///
    /// The log signs only a root it has recomputed from the entries themselves: it starts from the latest checkpoint
    /// it signed before (whose root the stored tree must reproduce), reads every entry appended since, checks their
    /// indexes and hash chain, and requires the stored tree nodes (from which proofs are served) to give the same
    /// root. Damaged or edited entries or nodes therefore make it refuse (``AuditError/Code/corrupted``) instead of
    /// signing a tree that does not match the log.
    @discardableResult
    public func publishCheckpoint() async throws -> SignedCheckpoint {
        let size = try await store.size()
        let hasher = MerkleHasher()
        var range = CompactRange()
        var previousLeaf = TreeHash.zero
        var position: UInt64 = 0
        if let base = try await latestCheckpoint(atMost: size), base.checkpoint.size > 0 {
            let nodes = try await store.nodes(Appender.decompositionAddresses(size: base.checkpoint.size))
            range = try CompactRange(size: base.checkpoint.size, nodes: nodes)
            guard range.root(hasher: hasher) == base.checkpoint.root,
                  let last = try await store.entries(from: base.checkpoint.size - 1, count: 1).first
            else { throw AuditError(.corrupted, "the stored tree does not reproduce the last signed checkpoint") }
            previousLeaf = hasher.leafHash(last)
            position = base.checkpoint.size
        }
        while position < size {
            let records = try await store.entries(from: position, count: Int(min(8192, size - position)))
            guard !records.isEmpty else { throw AuditError(.corrupted, "the store returned fewer entries than its size") }
            for bytes in records {
                let entry = try AuditEntry(decoding: bytes)
                guard entry.index == position, entry.previousLeafHash == previousLeaf else {
                    throw AuditError(.corrupted, "the entries since the last checkpoint are not one chain")
                }
                let leaf = hasher.leafHash(bytes)
                _ = range.append(leaf, hasher: hasher)
                previousLeaf = leaf
                position += 1
            }
        }
        let root = range.root(hasher: hasher)
        guard try await Self.root(size: size, store: store) == root else { throw AuditError(.corrupted, "the stored tree nodes do not match the entries") }
        let signed = try SignedCheckpoint(signing: try Checkpoint(origin: origin, size: size, root: root), with: signer)
        try await store.saveCheckpoint(signed.serialized, size: size)
        return signed
    }

    /// The most recent stored checkpoint (by size) that verifies against the log's key.
    public func latestCheckpoint() async throws -> SignedCheckpoint? {
        try await latestCheckpoint(atMost: .max)
    }

    /// The largest stored checkpoint of at most `size` entries that verifies against the log's key (a stored note
    /// that does not verify is skipped; `verify` reports it).
    private func latestCheckpoint(atMost size: UInt64) async throws -> SignedCheckpoint? {
        for stored in try await store.checkpoints().sorted(by: { $0.size > $1.size }) where stored.size <= size {
            if let signed = try? SignedCheckpoint(parsing: stored.note, logVerifier: signer.verifier), signed.checkpoint.size == stored.size {
                return signed
            }
        }
        return nil
    }

    /// The inclusion proof of `index` in the tree of `size` entries.
    public func inclusionProof(index: UInt64, size: UInt64) async throws -> [TreeHash] {
        guard index < size, size <= (try await store.size()) else { throw AuditError(.outOfRange) }
        let ranges = MerkleProofs.inclusionRanges(index: index, size: size)
        let reader = try await PrefetchedNodes.load(MerkleProofs.addresses(for: ranges), from: store)
        return try MerkleProofs.hashes(of: ranges, reader: reader, hasher: MerkleHasher())
    }

    /// The consistency proof from `oldSize` to `newSize` entries.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [TreeHash] {
        guard oldSize <= newSize, newSize <= (try await store.size()) else { throw AuditError(.outOfRange) }
        let ranges = MerkleProofs.consistencyRanges(oldSize: oldSize, newSize: newSize)
        let reader = try await PrefetchedNodes.load(MerkleProofs.addresses(for: ranges), from: store)
        return try MerkleProofs.hashes(of: ranges, reader: reader, hasher: MerkleHasher())
    }

    /// An offline proof bundle for `index` against the latest checkpoint (publishing one if none covers it).
    public func proofBundle(index: UInt64) async throws -> ProofBundle {
        var checkpoint = try await latestCheckpoint()
        if checkpoint.map({ $0.checkpoint.size <= index }) ?? true { checkpoint = try await publishCheckpoint() }
        guard let checkpoint, index < checkpoint.checkpoint.size else { throw AuditError(.outOfRange) }
        let proof = try await inclusionProof(index: index, size: checkpoint.checkpoint.size)
        let entry = try await store.entries(from: index, count: 1).first
        return ProofBundle(entry: entry, index: index, proof: proof, checkpointNote: checkpoint.serialized)
    }

    /// The root hash of the first `size` entries of `store`.
    public static func root(size: UInt64, store: some AuditStore) async throws -> TreeHash {
        guard size > 0 else { return MerkleHasher.emptyRoot }
        let range = LeafRange(start: 0, end: size)
        let reader = try await PrefetchedNodes.load(MerkleProofs.addresses(for: [range]), from: store)
        return try MerkleProofs.hashes(of: [range], reader: reader, hasher: MerkleHasher())[0]
    }
}
