/// What replaces a finding.
public enum RedactionOperator: Sendable, Hashable {
    /// `[REDACTED:US_SSN]`.
    case mask
    /// Keep the first and last characters, replace the other letters and digits with `*` and keep separators:
    /// `4111 11** **** 1111`. For payment cards PCI DSS 3.4.1 caps what is kept at the BIN (six digits, eight for
    /// cards of 16 or more digits) and the last four, whatever is asked; for other types at most half the
    /// characters stay visible.
    case partialMask(keepFirst: Int, keepLast: Int)
    /// Nothing: the finding is deleted.
    case remove
    /// `[EMAIL:9f86d081884c7d65]`: HMAC-SHA-256 under the tenant's pseudonym key over the type and the value in a
    /// canonical form (case-folded, without spaces, hyphens, dots and brackets), truncated to 64 bits. The same value
    /// gives the same pseudonym in every message of the tenant, so analytics still join; without the key it cannot
    /// be reversed or recomputed.
    case pseudonym
    /// The token a ``RedactionTokenizer`` returns (for example keyserviced's Transit encrypt): reversible by whoever
    /// may call the tokenizer's detokenize.
    case tokenize
    /// HIPAA Safe Harbor ZIP codes: the first three digits followed by `**`, or `000**` for the 17 three-digit areas
    /// with 20,000 people or fewer (45 CFR 164.514(b)(2)(i)(B)); non-US postal codes are masked.
    case safeHarborZIP3
    /// Leave the text as it is (report only).
    case keep
}

/// Reversible tokenization, supplied by the caller (the key service implements it with Transit encryption).
public protocol RedactionTokenizer: Sendable {
    /// A token standing for `value` of type `type`. It must not log `value`.
    func tokenize(_ value: String, type: EntityType) async throws -> String
}
