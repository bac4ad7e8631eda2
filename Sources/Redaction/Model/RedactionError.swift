/// A redaction operation failed. The code says why; the text is fixed and never contains any part of the scanned
/// message, a finding's text or a key.
public struct RedactionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why.
    public enum Code: String, Sendable, CaseIterable {
        /// A custom rule's pattern is not in the supported bounded syntax, or exceeds its limits.
        case invalidPattern
        /// A policy or rule is misconfigured (empty name, bad key, conflicting settings).
        case invalidConfiguration
        /// The input exceeds a configured limit.
        case inputTooLarge
        /// A pseudonym needs a per-tenant key and none was configured.
        case missingPseudonymKey
        /// A tokenization needs a tokenizer and none was configured.
        case missingTokenizer
        /// The tokenizer failed.
        case tokenizerFailed
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

    /// `RedactionError(code): reason`.
    public var description: String {
        reason.utf8CodeUnitCount == 0 ? "RedactionError(\(code.rawValue))" : "RedactionError(\(code.rawValue)): \(reason)"
    }

    /// Equal codes.
    public static func == (lhs: RedactionError, rhs: RedactionError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
