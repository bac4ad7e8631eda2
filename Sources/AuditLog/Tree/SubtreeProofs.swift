/// Proofs about subtrees `[start, end)` of a log (draft-ietf-plants-merkle-tree-certs §4: a subtree is valid when
/// `start` is a multiple of `BIT_CEIL(end - start)`): inclusion of a leaf in a subtree (§4.3) and consistency of
/// a subtree with a tree of size n (§4.4). Plain RFC 6962 proofs are the case `start = 0`.
public enum SubtreeProofs {
    /// Whether `[start, end)` is a valid subtree.
    public static func isValid(start: UInt64, end: UInt64) -> Bool {
        guard start <= end else { return false }
        let size = end - start
        guard size > 0 else { return true }
        let width = 64 - (size - 1).leadingZeroBitCount  // BIT_WIDTH(size - 1)
        if width >= 64 { return start == 0 }
        return start & ((UInt64(1) << UInt64(width)) - 1) == 0
    }

    /// Two valid subtrees `[s, m)` and `[m, e)` that together cover `[start, end)` (§4.5; the left one may start
    /// before `start`, and for a range of at most one leaf the right one is empty).
    public static func covering(start: UInt64, end: UInt64) -> (left: (UInt64, UInt64), right: (UInt64, UInt64)) {
        precondition(start <= end, "covering needs start <= end")
        if end - start <= 1 { return ((start, end), (end, end)) }
        let last = end - 1
        func bitLength(_ x: UInt64) -> Int { 64 - x.leadingZeroBitCount }
        let split = bitLength(start ^ last) - 1
        let mask: UInt64 = split >= 64 ? .max : (UInt64(1) << UInt64(split)) - 1
        let middle = last & ~mask
        let leftSplit = bitLength(~start & mask)
        let leftStart = leftSplit >= 64 ? 0 : start & ~((UInt64(1) << UInt64(leftSplit)) - 1)
        return ((leftStart, middle), (middle, end))
    }

    // MARK: - Generation

    /// The subtree inclusion proof of leaf `index` in `[start, end)`: PATH(index − start, D[start:end]).
    public static func inclusionProof(index: UInt64, start: UInt64, end: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> [TreeHash] {
        guard isValid(start: start, end: end), start <= index, index < end else { throw TreeError(.invalidSubtree) }
        let ranges = MerkleProofs.inclusionRanges(index: index - start, size: end - start).map {
            LeafRange(start: $0.start + start, end: $0.end + start)
        }
        return try MerkleProofs.hashes(of: ranges, reader: reader, hasher: hasher)
    }

    /// The ranges of SUBTREE_PROOF(start, end, D_n), in proof order.
    static func consistencyRanges(start: UInt64, end: UInt64, size: UInt64) -> [LeafRange] {
        guard start < end else { return [] }
        // SUBTREE_SUBPROOF(start, end, D[lo:hi], b), walking down; the collected hashes come out root side first.
        var collected: [LeafRange] = []
        var lo: UInt64 = 0
        var hi = size
        var s = start
        let e = end
        var includeRoot = true
        while !(s == lo && e == hi) {
            let k = TreeMath.splitPoint(hi - lo)
            let middle = lo + k
            if e <= middle {
                collected.append(LeafRange(start: middle, end: hi))
                hi = middle
            } else if middle <= s {
                collected.append(LeafRange(start: lo, end: middle))
                lo = middle
            } else {
                // s == lo < middle < e
                collected.append(LeafRange(start: lo, end: middle))
                lo = middle
                s = middle
                includeRoot = false
            }
        }
        if !includeRoot { collected.append(LeafRange(start: lo, end: hi)) }
        return collected.reversed()
    }

    /// The subtree consistency proof of `[start, end)` in the tree of `size` leaves.
    public static func consistencyProof(start: UInt64, end: UInt64, size: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> [TreeHash] {
        guard isValid(start: start, end: end), end <= size else { throw TreeError(.invalidSubtree) }
        return try MerkleProofs.hashes(of: consistencyRanges(start: start, end: end, size: size), reader: reader, hasher: hasher)
    }

    /// The hash of the subtree `[start, end)` (MTH(D[start:end])).
    public static func hash(start: UInt64, end: UInt64, reader: some NodeReader, hasher: MerkleHasher) throws -> TreeHash {
        guard isValid(start: start, end: end) else { throw TreeError(.invalidSubtree) }
        guard start < end else { return MerkleHasher.emptyRoot }
        return try MerkleProofs.hashes(of: [LeafRange(start: start, end: end)], reader: reader, hasher: hasher)[0]
    }

    // MARK: - Verification

    /// Verifies that `leafHash` is leaf `index` of the subtree `[start, end)` whose hash is `subtreeHash`.
    public static func verifyInclusion(index: UInt64, start: UInt64, end: UInt64, leafHash: TreeHash, proof: [TreeHash],
                                       subtreeHash: TreeHash, hasher: MerkleHasher) throws(TreeError) {
        guard isValid(start: start, end: end), start <= index, index < end else { throw TreeError(.invalidSubtree) }
        try MerkleProofs.verifyInclusion(index: index - start, size: end - start, leafHash: leafHash, proof: proof, root: subtreeHash, hasher: hasher)
    }

    /// Verifies that the subtree `[start, end)` with hash `subtreeHash` is part of the tree of `size` leaves with
    /// root `root` (§4.4.3).
    public static func verifyConsistency(start: UInt64, end: UInt64, size: UInt64, subtreeHash: TreeHash, root: TreeHash,
                                         proof: [TreeHash], hasher: MerkleHasher) throws(TreeError) {
        guard isValid(start: start, end: end), end <= size else { throw TreeError(.invalidSubtree) }
        if start == end {
            guard proof.isEmpty else { throw TreeError(.malformedProof) }
            guard subtreeHash == MerkleHasher.emptyRoot else { throw TreeError(.rootMismatch) }
            return
        }
        var fn = start
        var sn = end - 1
        var tn = size - 1
        if sn == tn {
            while fn != sn {
                fn >>= 1
                sn >>= 1
                tn >>= 1
            }
        } else {
            while fn != sn && sn & 1 == 1 {
                fn >>= 1
                sn >>= 1
                tn >>= 1
            }
        }
        var elements = proof[...]
        var fr: TreeHash
        var sr: TreeHash
        if fn == sn {
            fr = subtreeHash
            sr = subtreeHash
        } else {
            guard let first = elements.popFirst() else { throw TreeError(.malformedProof) }
            fr = first
            sr = first
        }
        for element in elements {
            guard tn != 0 else { throw TreeError(.malformedProof) }
            if sn & 1 == 1 || sn == tn {
                if fn < sn { fr = hasher.nodeHash(element, fr) }
                sr = hasher.nodeHash(element, sr)
                while sn & 1 == 0 && sn != 0 {
                    fn >>= 1
                    sn >>= 1
                    tn >>= 1
                }
            } else {
                sr = hasher.nodeHash(sr, element)
            }
            fn >>= 1
            sn >>= 1
            tn >>= 1
        }
        guard tn == 0 else { throw TreeError(.malformedProof) }
        guard fr == subtreeHash, sr == root else { throw TreeError(.rootMismatch) }
    }
}
