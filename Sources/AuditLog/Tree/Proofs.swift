/// Reads complete nodes of a tree (a store, or the in-memory tree).
public protocol NodeReader {
    /// The hashes of `addresses`, in order; throws ``TreeError/Code/missingNode`` if one is absent.
    func readNodes(_ addresses: [NodeAddress]) throws -> [TreeHash]
}

/// A leaf range `[start, end)` whose Merkle tree hash (MTH) a proof contains.
struct LeafRange: Hashable {
    let start: UInt64
    let end: UInt64
}

/// RFC 6962 / RFC 9162 inclusion and consistency proofs: which subtree hashes make them up, how to compute them
/// from stored nodes, and how to verify them (the verification procedures of RFC 9162 §2.1.3.2 and §2.1.4.2, as
/// restated by C2SP merkle-tree).
public enum MerkleProofs {
    // MARK: - Generation

    /// The ranges of an inclusion proof of leaf `index` in a tree of `size` leaves, leaf side first (PATH).
    static func inclusionRanges(index: UInt64, size: UInt64) -> [LeafRange] {
        var ranges: [LeafRange] = []
        var lo: UInt64 = 0
        var hi = size
        while hi - lo > 1 {
            let k = TreeMath.splitPoint(hi - lo)
            if index < lo + k {
                ranges.append(LeafRange(start: lo + k, end: hi))
                hi = lo + k
            } else {
                ranges.append(LeafRange(start: lo, end: lo + k))
                lo += k
            }
        }
        return ranges.reversed()
    }

    /// The ranges of a consistency proof from `oldSize` to `newSize` leaves (SUBPROOF), in proof order.
    static func consistencyRanges(oldSize: UInt64, newSize: UInt64) -> [LeafRange] {
        guard oldSize > 0, oldSize < newSize else { return [] }
        var ranges: [LeafRange] = []
        var lo: UInt64 = 0
        var hi = newSize
        var m = oldSize
        var includeRoot = true
        while m != hi - lo {
            let k = TreeMath.splitPoint(hi - lo)
            if m <= k {
                ranges.append(LeafRange(start: lo + k, end: hi))
                hi = lo + k
            } else {
                ranges.append(LeafRange(start: lo, end: lo + k))
                lo += k
                m -= k
                includeRoot = false
            }
        }
        if !includeRoot { ranges.append(LeafRange(start: lo, end: hi)) }
        return ranges.reversed()
    }

    /// The nodes needed to hash `ranges`.
    static func addresses(for ranges: [LeafRange]) -> [NodeAddress] {
        var seen = Set<NodeAddress>()
        var result: [NodeAddress] = []
        for range in ranges {
            for address in TreeMath.decomposition(start: range.start, end: range.end) where seen.insert(address).inserted {
                result.append(address)
            }
        }
        return result
    }

    /// MTH of a valid subtree range from its complete nodes.
    static func hash(of range: LeafRange, nodes: [NodeAddress: TreeHash], hasher: MerkleHasher) throws(TreeError) -> TreeHash {
        let parts = TreeMath.decomposition(start: range.start, end: range.end)
        guard let lastAddress = parts.last, var hash = nodes[lastAddress] else { throw TreeError(.missingNode) }
        for address in parts.dropLast().reversed() {
            guard let left = nodes[address] else { throw TreeError(.missingNode) }
            hash = hasher.nodeHash(left, hash)
        }
        return hash
    }

    static func hashes(of ranges: [LeafRange], reader: some NodeReader, hasher: MerkleHasher) throws -> [TreeHash] {
        let needed = addresses(for: ranges)
        let values = try reader.readNodes(needed)
        guard values.count == needed.count else { throw TreeError(.missingNode) }
        let nodes = Dictionary(uniqueKeysWithValues: zip(needed, values))
        return try ranges.map { range throws(TreeError) in try hash(of: range, nodes: nodes, hasher: hasher) }
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves.
    public static func inclusionProof(index: UInt64, size: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> [TreeHash] {
        guard index < size else { throw TreeError(.outOfRange) }
        return try hashes(of: inclusionRanges(index: index, size: size), reader: reader, hasher: hasher)
    }

    /// The consistency proof between trees of `oldSize` and `newSize` leaves (empty when either is trivial).
    public static func consistencyProof(oldSize: UInt64, newSize: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> [TreeHash] {
        guard oldSize <= newSize else { throw TreeError(.outOfRange) }
        return try hashes(of: consistencyRanges(oldSize: oldSize, newSize: newSize), reader: reader, hasher: hasher)
    }

    /// The root of the tree of `size` leaves, from its nodes.
    public static func root(size: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> TreeHash {
        guard size > 0 else { return MerkleHasher.emptyRoot }
        return try hashes(of: [LeafRange(start: 0, end: size)], reader: reader, hasher: hasher)[0]
    }

    // MARK: - Verification

    /// The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or an error for a malformed proof.
    public static func rootFromInclusionProof(index: UInt64, size: UInt64, leafHash: TreeHash, proof: [TreeHash], hasher: MerkleHasher) throws(TreeError) -> TreeHash {
        guard index < size else { throw TreeError(.outOfRange) }
        var fn = index
        var sn = size - 1
        var hash = leafHash
        for element in proof {
            guard sn != 0 else { throw TreeError(.malformedProof) }
            if fn & 1 == 1 || fn == sn {
                hash = hasher.nodeHash(element, hash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                hash = hasher.nodeHash(hash, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw TreeError(.malformedProof) }
        return hash
    }

    /// Verifies that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: TreeHash, proof: [TreeHash], root: TreeHash, hasher: MerkleHasher) throws(TreeError) {
        guard try rootFromInclusionProof(index: index, size: size, leafHash: leafHash, proof: proof, hasher: hasher) == root else {
            throw TreeError(.rootMismatch)
        }
    }

    /// Verifies that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize` leaves
    /// with root `newRoot` (RFC 9162 §2.1.4.2).
    ///
    /// A proof from the empty tree is refused with ``TreeError/Code/outOfRange``: every tree extends the empty
    /// tree, so such a proof proves nothing, and the reference verifier (transparency-dev/merkle) refuses it too.
    /// Callers that start from an empty tree (a witness's first checkpoint) skip the proof instead.
    public static func verifyConsistency(oldSize: UInt64, newSize: UInt64, oldRoot: TreeHash, newRoot: TreeHash, proof: [TreeHash], hasher: MerkleHasher) throws(TreeError) {
        guard oldSize > 0, oldSize <= newSize else { throw TreeError(.outOfRange) }
        if oldSize == newSize {
            guard proof.isEmpty else { throw TreeError(.malformedProof) }
            guard oldRoot == newRoot else { throw TreeError(.rootMismatch) }
            return
        }
        guard !proof.isEmpty else { throw TreeError(.malformedProof) }
        var elements = proof[...]
        if oldSize & (oldSize - 1) == 0 { elements = ([oldRoot] + proof)[...] }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        guard let first = elements.first else { throw TreeError(.malformedProof) }
        var fr = first
        var sr = first
        for element in elements.dropFirst() {
            guard sn != 0 else { throw TreeError(.malformedProof) }
            if fn & 1 == 1 || fn == sn {
                fr = hasher.nodeHash(element, fr)
                sr = hasher.nodeHash(element, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = hasher.nodeHash(sr, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw TreeError(.malformedProof) }
        guard fr == oldRoot, sr == newRoot else { throw TreeError(.rootMismatch) }
    }
}
