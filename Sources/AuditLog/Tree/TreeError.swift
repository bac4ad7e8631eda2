/// A proof or tree operation failed. The code says why; the text is fixed and carries no log data.
public struct TreeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why.
    public enum Code: String, Sendable {
        /// An index or size outside the tree, or sizes in the wrong order.
        case outOfRange
        /// A proof with too many or too few hashes, or of the wrong shape.
        case malformedProof
        /// The proof does not lead to the expected root.
        case rootMismatch
        /// A node a proof needs is missing from the store.
        case missingNode
        /// A subtree `[start, end)` that is not aligned as the tree's subtrees are.
        case invalidSubtree
    }

    /// The reason.
    public let code: Code

    /// An error.
    public init(_ code: Code) { self.code = code }

    /// `TreeError(code)`.
    public var description: String { "TreeError(\(code.rawValue))" }
}
