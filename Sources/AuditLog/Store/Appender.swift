/// The appending side of a log as a value: the next index, the last leaf hash and the tree's right edge. Given
/// events, it returns exactly what a store must write (entries with their leaf hashes, and the nodes that became
/// complete) and advances; it never does I/O itself. A store rebuilds it from what it holds (size, last leaf hash,
/// the nodes of the size's decomposition), so several processes appending to one database stay consistent.
public struct Appender: Sendable {
    /// What one batch adds.
    public struct Batch: Sendable {
        /// The new entries, in order: index, canonical bytes, leaf hash.
        public var entries: [(index: UInt64, bytes: [UInt8], leafHash: TreeHash)] = []
        /// The nodes completed by the batch (level 0 is the leaf hashes).
        public var nodes: [(address: NodeAddress, hash: TreeHash)] = []
    }

    /// The number of entries so far.
    public var size: UInt64 { range.size }
    /// The last entry's leaf hash (zeros for an empty log).
    public private(set) var lastLeafHash: TreeHash
    private var range: CompactRange

    /// The state of an empty log.
    public init() {
        lastLeafHash = .zero
        range = CompactRange()
    }

    /// The state of a log of `size` entries whose last leaf hash is `lastLeafHash`, from the nodes of the size's
    /// decomposition (``decompositionAddresses(size:)``).
    public init(size: UInt64, lastLeafHash: TreeHash, decompositionNodes: [TreeHash]) throws(TreeError) {
        range = try CompactRange(size: size, nodes: decompositionNodes)
        self.lastLeafHash = size == 0 ? .zero : lastLeafHash
    }

    /// The nodes a store must read to rebuild the state at `size`.
    public static func decompositionAddresses(size: UInt64) -> [NodeAddress] {
        TreeMath.decomposition(start: 0, end: size)
    }

    /// Appends `events` at `time` (milliseconds since the epoch, UTC).
    public mutating func append(_ events: [AuditEvent], time: Int64, hasher: MerkleHasher) throws(AuditError) -> Batch {
        var batch = Batch()
        batch.entries.reserveCapacity(events.count)
        // Work on a copy so a failing event leaves the state unchanged.
        var next = self
        for event in events {
            let entry = AuditEntry(index: next.range.size, timeMilliseconds: time, previousLeafHash: next.lastLeafHash, event: event)
            let bytes = try entry.encoded()
            let leaf = hasher.leafHash(bytes)
            batch.entries.append((entry.index, bytes, leaf))
            for (address, hash) in next.range.append(leaf, hasher: hasher) { batch.nodes.append((address, hash)) }
            next.lastLeafHash = leaf
        }
        self = next
        return batch
    }

    /// The root hash of the log so far.
    public func root(hasher: MerkleHasher) -> TreeHash { range.root(hasher: hasher) }
}
