/// An envelope operation failed. The code says why; the text is fixed and never contains key material, plaintext,
/// encryption-context values or anything else taken from the message.
public struct EnvelopeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why.
    public enum Code: String, Sendable, CaseIterable {
        /// The message's bytes do not follow the format (bad version, type, lengths, ordering, trailing bytes).
        case malformedMessage
        /// The message ended before it was complete.
        case truncatedMessage
        /// A declared length or count exceeds a configured limit (header size, encrypted data keys, frame length,
        /// non-framed body length, signature length).
        case limitExceeded
        /// The algorithm suite is unknown, or not allowed by the commitment policy or the configuration.
        case unsupportedAlgorithmSuite
        /// The key commitment in the header does not match the data key.
        case commitmentMismatch
        /// The header authentication tag does not verify.
        case headerAuthenticationFailed
        /// A frame's or the body's authentication tag does not verify.
        case bodyAuthenticationFailed
        /// The footer signature is missing or does not verify.
        case signatureInvalid
        /// No keyring could decrypt any of the message's encrypted data keys.
        case noDecryptableDataKey
        /// The encryption context is invalid: a reserved key, a value too long, too many pairs, bad UTF-8, or
        /// (on decrypt) it does not match what the caller required.
        case invalidEncryptionContext
        /// A keyring, key or materials manager is misconfigured or returned unusable materials.
        case invalidMaterials
        /// A wrapping key operation (AES-GCM, RSA, or the key service) failed.
        case wrappingFailed
        /// An operation was used out of order (for example, data after the end of the message).
        case invalidState
        /// The key service answered with an error or could not be reached.
        case keyServiceFailure
        /// Reading or writing a stream failed.
        case ioFailure
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

    /// `EnvelopeError(code): reason`.
    public var description: String {
        reason.utf8CodeUnitCount == 0 ? "EnvelopeError(\(code.rawValue))" : "EnvelopeError(\(code.rawValue)): \(reason)"
    }

    /// Equal codes.
    public static func == (lhs: EnvelopeError, rhs: EnvelopeError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
