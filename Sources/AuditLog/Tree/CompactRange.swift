/// The right edge of a growing tree: the roots of its complete subtrees, largest first (at most 64 hashes for
/// any size). Appending costs O(log n) time and memory, and reports each node that becomes complete, so a store
/// can keep every node a proof will need.
public struct CompactRange: Sendable, Equatable {
    /// The roots of the complete subtrees, left to right, with their levels.
    public private(set) var nodes: [(level: Int, hash: TreeHash)] = []
    /// The number of leaves.
    public private(set) var size: UInt64 = 0

    /// An empty range.
    public init() {}

    /// A range rebuilt from the nodes of the decomposition of `size` (read from a store).
    public init(size: UInt64, nodes: [TreeHash]) throws(TreeError) {
        let addresses = TreeMath.decomposition(start: 0, end: size)
        guard addresses.count == nodes.count else { throw TreeError(.malformedProof) }
        self.size = size
        self.nodes = zip(addresses, nodes).map { ($0.level, $1) }
    }

    /// Appends a leaf hash; returns the nodes completed by it (the leaf itself first), as (address, hash).
    @discardableResult
    public mutating func append(_ leaf: TreeHash, hasher: MerkleHasher) -> [(NodeAddress, TreeHash)] {
        var completed: [(NodeAddress, TreeHash)] = [(NodeAddress(level: 0, index: size), leaf)]
        nodes.append((0, leaf))
        var index = size
        while nodes.count >= 2, nodes[nodes.count - 1].level == nodes[nodes.count - 2].level {
            let right = nodes.removeLast()
            let left = nodes.removeLast()
            let parent = hasher.nodeHash(left.hash, right.hash)
            index >>= 1
            nodes.append((left.level + 1, parent))
            completed.append((NodeAddress(level: left.level + 1, index: index), parent))
        }
        size += 1
        return completed
    }

    /// The root hash of the tree so far.
    public func root(hasher: MerkleHasher) -> TreeHash {
        guard var hash = nodes.last?.hash else { return MerkleHasher.emptyRoot }
        for node in nodes.dropLast().reversed() { hash = hasher.nodeHash(node.hash, hash) }
        return hash
    }

    /// Equal sizes and nodes.
    public static func == (lhs: CompactRange, rhs: CompactRange) -> Bool {
        lhs.size == rhs.size && lhs.nodes.count == rhs.nodes.count
            && zip(lhs.nodes, rhs.nodes).allSatisfy { $0.level == $1.level && $0.hash == $1.hash }
    }
}
