/// Where a log lives. One protocol, two backends: `FileAuditStore` (embedded, segment files) and
/// `PostgresAuditStore` (in `AuditLogPostgres`). A store assigns indexes, chains entries and keeps every tree
/// node; it acknowledges an append only once it is durable (fsync or commit).
public protocol AuditStore: Sendable {
    /// Appends events, in order, at `time` (ms since the epoch, UTC); returns their receipts once durable.
    func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt]
    /// The number of entries.
    func size() async throws -> UInt64
    /// Raw entries `[start, start + count)` as stored (for verification and export), possibly fewer at the end.
    func entries(from start: UInt64, count: Int) async throws -> [[UInt8]]
    /// Stored node hashes.
    func nodes(_ addresses: [NodeAddress]) async throws -> [TreeHash]
    /// Stores a signed checkpoint note for `size` entries.
    func saveCheckpoint(_ note: String, size: UInt64) async throws
    /// Every stored checkpoint note, in the order saved.
    func checkpoints() async throws -> [StoredCheckpoint]
    /// What the store noticed about itself: damaged checkpoint records, records beyond the tree, crash recovery.
    func integrity() async throws -> StoreIntegrity
}

extension AuditStore {
    /// Nothing noticed.
    public func integrity() async throws -> StoreIntegrity { StoreIntegrity() }
}

/// What a store noticed about its own records, beyond what a scan of the entries shows. `AuditVerifier` reports
/// the first two as problems and prints the notices.
public struct StoreIntegrity: Sendable, Hashable {
    /// Checkpoint records that could not be read and were skipped (damage inside the checkpoint log).
    public var unreadableCheckpointRecords = 0
    /// The lowest index of a record stored beyond the log's tree (an entry past a gap, a node no size completes).
    public var strayRecordIndex: UInt64?
    /// Crash-recovery notices: incomplete writes set aside or ignored. A crash is not tampering, but an auditor
    /// should know; a checkpoint that covered such bytes shows up as `truncated`.
    public var notices: [String] = []

    /// Nothing noticed.
    public init() {}
}

/// What an append returns: where the entry is, and its leaf hash (enough to ask for an inclusion proof later).
public struct AuditReceipt: Sendable, Hashable {
    /// The entry's index.
    public let index: UInt64
    /// SHA-256(0x00 ‖ entry).
    public let leafHash: TreeHash

    /// A receipt.
    public init(index: UInt64, leafHash: TreeHash) {
        self.index = index
        self.leafHash = leafHash
    }
}

/// A checkpoint as a store keeps it.
public struct StoredCheckpoint: Sendable, Hashable {
    /// The tree size it commits to.
    public let size: UInt64
    /// The signed note.
    public let note: String

    /// A stored checkpoint.
    public init(size: UInt64, note: String) {
        self.size = size
        self.note = note
    }
}

/// Reads nodes from an async store into a dictionary first, so the synchronous proof code can use them.
struct PrefetchedNodes: NodeReader {
    let nodes: [NodeAddress: TreeHash]

    static func load(_ addresses: [NodeAddress], from store: some AuditStore) async throws -> PrefetchedNodes {
        let values = try await store.nodes(addresses)
        guard values.count == addresses.count else { throw TreeError(.missingNode) }
        return PrefetchedNodes(nodes: Dictionary(zip(addresses, values), uniquingKeysWith: { first, _ in first }))
    }

    func readNodes(_ addresses: [NodeAddress]) throws -> [TreeHash] {
        try addresses.map { address in
            guard let hash = nodes[address] else { throw TreeError(.missingNode) }
            return hash
        }
    }
}

/// Proofs read from a store (no signing key needed): what auditors and witnesses ask a log for.
public enum ProofReader {
    /// The inclusion proof of `index` in the tree of `size` entries of `store`.
    public static func inclusion(index: UInt64, size: UInt64, store: some AuditStore) async throws -> [TreeHash] {
        let ranges = MerkleProofs.inclusionRanges(index: index, size: size)
        let reader = try await PrefetchedNodes.load(MerkleProofs.addresses(for: ranges), from: store)
        return try MerkleProofs.hashes(of: ranges, reader: reader, hasher: MerkleHasher())
    }

    /// The consistency proof between two sizes of `store`.
    public static func consistency(oldSize: UInt64, newSize: UInt64, store: some AuditStore) async throws -> [TreeHash] {
        let ranges = MerkleProofs.consistencyRanges(oldSize: oldSize, newSize: newSize)
        let reader = try await PrefetchedNodes.load(MerkleProofs.addresses(for: ranges), from: store)
        return try MerkleProofs.hashes(of: ranges, reader: reader, hasher: MerkleHasher())
    }
}
