/// A complete, aligned subtree of the log: `2^level` leaves starting at leaf `index · 2^level`. Level 0 nodes are
/// leaf hashes. Every hash a proof needs is a node or is computed from nodes.
public struct NodeAddress: Hashable, Sendable, CustomStringConvertible {
    /// The height above the leaves.
    public let level: Int
    /// The position among the nodes of that level.
    public let index: UInt64

    /// A node address.
    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The first leaf it covers.
    public var firstLeaf: UInt64 { index << UInt64(level) }

    /// `level/index`.
    public var description: String { "\(level)/\(index)" }
}

/// Tree arithmetic shared by appends and proofs.
enum TreeMath {
    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "a split needs at least two leaves")
        return UInt64(1) << UInt64(63 - (n - 1).leadingZeroBitCount)
    }

    /// The smallest power of two ≥ `n` (`BIT_CEIL`), or `nil` past 2^63.
    static func bitCeil(_ n: UInt64) -> UInt64? {
        if n <= 1 { return 1 }
        let shift = 64 - (n - 1).leadingZeroBitCount
        return shift >= 64 ? nil : UInt64(1) << UInt64(shift)
    }

    /// The complete aligned nodes that make up the leaves `[start, end)` of a valid subtree, left to right (the
    /// binary decomposition of its size). Empty for an empty range.
    static func decomposition(start: UInt64, end: UInt64) -> [NodeAddress] {
        var nodes: [NodeAddress] = []
        var position = start
        var remaining = end - start
        while remaining > 0 {
            let level = 63 - remaining.leadingZeroBitCount
            nodes.append(NodeAddress(level: level, index: position >> UInt64(level)))
            position += UInt64(1) << UInt64(level)
            remaining -= UInt64(1) << UInt64(level)
        }
        return nodes
    }
}
