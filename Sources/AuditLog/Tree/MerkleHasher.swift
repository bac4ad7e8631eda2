public import Foundation
import CryptoPrimitives

/// RFC 6962 §2.1 hashing: leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), empty tree =
/// SHA-256(""). Reuses one digest state, so an instance belongs to one owner at a time (it is not `Sendable`).
public final class MerkleHasher {
    private let context = SHA256.Context()

    /// A hasher.
    public init() {}

    /// The root of the empty tree: SHA-256 of nothing (`e3b0c442…`).
    public static let emptyRoot: TreeHash = {
        let bytes = SHA256.hash([UInt8]())
        return TreeHash(bytes: bytes) ?? .zero
    }()

    /// SHA-256(0x00 ‖ entry).
    public func leafHash(_ entry: some ContiguousBytes) -> TreeHash {
        var result = TreeHash.zero
        entry.withUnsafeBytes { input in
            withUnsafeMutableBytes(of: &result.words) { output in
                context.digest(prefix: 0x00, input, into: output)
            }
        }
        return result
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var result = TreeHash.zero
        left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in
                withUnsafeMutableBytes(of: &result.words) { output in
                    context.digest(prefix: 0x01, l, r, into: output)
                }
            }
        }
        return result
    }

    /// SHA-256(0x01 ‖ left ‖ right) for arbitrary byte strings (RFC 6962 hasher vectors use 4-byte "nodes").
    public func nodeHash(rawLeft: [UInt8], rawRight: [UInt8]) -> TreeHash {
        var result = TreeHash.zero
        rawLeft.withUnsafeBytes { l in
            rawRight.withUnsafeBytes { r in
                withUnsafeMutableBytes(of: &result.words) { output in
                    context.digest(prefix: 0x01, l, r, into: output)
                }
            }
        }
        return result
    }
}
