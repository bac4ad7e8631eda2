/// An audit log operation failed. The code says why; the text is fixed and never contains entry data.
public struct AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why.
    public enum Code: String, Sendable {
        /// An entry's fields or encoding are invalid.
        case invalidEntry
        /// A checkpoint, signed note, key or proof bundle is malformed.
        case malformedNote
        /// No trusted key verified a signature, or a signature is wrong.
        case signatureInvalid
        /// A key string is malformed or of an unsupported type.
        case invalidKey
        /// A store failed (I/O, database).
        case storageFailure
        /// The store's contents are inconsistent (a record failed its checksum, the chain or the tree).
        case corrupted
        /// A requested index or size is beyond the log.
        case outOfRange
        /// A witness was asked to cosign a checkpoint that is not consistent with the last one it cosigned.
        case inconsistent
        /// Another process holds the store.
        case locked
    }

    /// The reason.
    public let code: Code
    /// A fixed explanation.
    public let reason: StaticString

    /// An error.
    public init(_ code: Code, _ reason: StaticString = "") {
        self.code = code
        self.reason = reason
    }

    /// `AuditError(code): reason`.
    public var description: String { reason.utf8CodeUnitCount == 0 ? "AuditError(\(code.rawValue))" : "AuditError(\(code.rawValue)): \(reason)" }

    /// Equal codes.
    public static func == (lhs: AuditError, rhs: AuditError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
