public import Foundation
/// A whole tree in memory: every complete node, level by level (2n hashes for n leaves). For tests, benchmarks,
/// exports and verification of archives; the stores keep the same nodes on disk or in PostgreSQL.
public final class MemoryTree: NodeReader {
    /// `levels[k][i]` is node (k, i).
    public private(set) var levels: [[TreeHash]] = [[]]
    private var range = CompactRange()
    /// The hasher used for appends and proofs.
    public let hasher = MerkleHasher()

    /// An empty tree.
    public init() {}

    /// The number of leaves.
    public var size: UInt64 { range.size }

    /// Appends an entry; returns its leaf hash.
    @discardableResult
    public func append(entry: some ContiguousBytes) -> TreeHash {
        let leaf = hasher.leafHash(entry)
        append(leafHash: leaf)
        return leaf
    }

    /// Appends a leaf hash.
    public func append(leafHash: TreeHash) {
        for (address, hash) in range.append(leafHash, hasher: hasher) {
            if levels.count <= address.level { levels.append([]) }
            levels[address.level].append(hash)
        }
    }

    /// The root of the current tree.
    public var root: TreeHash { range.root(hasher: hasher) }

    /// The root of the tree of the first `size` leaves.
    public func root(size: UInt64) throws -> TreeHash {
        guard size <= self.size else { throw TreeError(.outOfRange) }
        return try MerkleProofs.root(size: size, reader: self, hasher: hasher)
    }

    /// The inclusion proof of `index` in the tree of `size` leaves (nodes read straight from memory).
    public func inclusionProof(index: UInt64, size: UInt64) throws -> [TreeHash] {
        guard size <= self.size, index < size else { throw TreeError(.outOfRange) }
        return try MerkleProofs.inclusionRanges(index: index, size: size).map { range in
            let parts = TreeMath.decomposition(start: range.start, end: range.end)
            guard let last = parts.last else { throw TreeError(.missingNode) }
            var hash = try node(last)
            for address in parts.dropLast().reversed() { hash = hasher.nodeHash(try node(address), hash) }
            return hash
        }
    }

    private func node(_ address: NodeAddress) throws -> TreeHash {
        guard address.level < levels.count, address.index < UInt64(levels[address.level].count) else { throw TreeError(.missingNode) }
        return levels[address.level][Int(address.index)]
    }

    /// The consistency proof between two sizes.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [TreeHash] {
        guard newSize <= size else { throw TreeError(.outOfRange) }
        return try MerkleProofs.consistencyProof(oldSize: oldSize, newSize: newSize, reader: self, hasher: hasher)
    }

    /// Node hashes from memory.
    public func readNodes(_ addresses: [NodeAddress]) throws -> [TreeHash] {
        try addresses.map { address in
            guard address.level < levels.count, address.index < UInt64(levels[address.level].count) else { throw TreeError(.missingNode) }
            return levels[address.level][Int(address.index)]
        }
    }
}
