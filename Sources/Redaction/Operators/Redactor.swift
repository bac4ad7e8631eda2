public import CryptoPrimitives

/// A message with its identifiers replaced, and what was found (offsets into the *original* text).
public struct RedactionResult: Sendable {
    /// The redacted text.
    public let text: String
    /// The findings, in order.
    public let findings: [Finding]
}

/// Scans and rewrites messages according to a policy's operators.
///
/// ```swift
/// let redactor = try Redactor(policy: .hipaaSafeHarbor, pseudonymKey: tenantKey)
/// let result = try redactor.redact("Pt John Smith, DOB 03/14/1985")
/// // result.text == "Pt [REDACTED:PERSON], DOB [REDACTED:DATE_OF_BIRTH]"
/// ```
public struct Redactor: Sendable {
    /// The scanner (and its policy).
    public let scanner: PIIScanner
    private let pseudonymKey: SecretKey?
    private let tokenizer: (any RedactionTokenizer)?

    /// A redactor.
    /// - Parameters:
    ///   - pseudonymKey: the tenant's key for ``RedactionOperator/pseudonym`` (at least 32 bytes).
    ///   - tokenizer: the tokenizer for ``RedactionOperator/tokenize``.
    /// - Throws: ``RedactionError`` `invalidConfiguration` for a pseudonym key shorter than 32 bytes.
    public init(policy: Policy, pseudonymKey: SecretKey? = nil, tokenizer: (any RedactionTokenizer)? = nil) throws {
        if let pseudonymKey, pseudonymKey.byteCount < 32 { throw RedactionError(.invalidConfiguration, "pseudonym key shorter than 32 bytes") }
        scanner = PIIScanner(policy: policy)
        self.pseudonymKey = pseudonymKey
        self.tokenizer = tokenizer
    }

    /// Redacts `text` with operators that need no tokenizer.
    /// - Throws: ``RedactionError`` `missingTokenizer` if the policy uses ``RedactionOperator/tokenize`` (use the
    ///   async ``redact(_:)-(String)`` then), `missingPseudonymKey` if it uses ``RedactionOperator/pseudonym`` without a key.
    public func redactSynchronously(_ text: String) throws -> RedactionResult {
        try rewrite(text, scanner.scan(text), tokens: [:])
    }

    /// Redacts `text`, calling the tokenizer where the policy says ``RedactionOperator/tokenize``.
    public func redact(_ text: String) async throws -> RedactionResult {
        let findings = scanner.scan(text)
        // The asynchronous part: one tokenizer call per tokenized finding; the rest is the synchronous rewrite.
        var tokens: [Int: String] = [:]
        var bytes: [UInt8]?
        for (index, finding) in findings.enumerated() where scanner.policy.operator(for: finding.type) == .tokenize {
            guard let tokenizer else { throw RedactionError(.missingTokenizer, "the policy tokenizes but no tokenizer is configured") }
            if bytes == nil { bytes = Array(text.utf8) }
            do {
                tokens[index] = try await tokenizer.tokenize(Self.original(bytes ?? [], finding), type: finding.type)
            } catch {
                throw RedactionError(.tokenizerFailed, "the tokenizer failed")
            }
        }
        return try rewrite(text, findings, tokens: tokens)
    }

    /// Replaces every finding by its operator's output; `tokens` holds the tokenizer's answers by finding index.
    private func rewrite(_ text: String, _ findings: [Finding], tokens: [Int: String]) throws -> RedactionResult {
        guard !findings.isEmpty else { return RedactionResult(text: text, findings: []) }
        let bytes = Array(text.utf8)
        var replacements: [String] = []
        replacements.reserveCapacity(findings.count)
        for (index, finding) in findings.enumerated() {
            let op = scanner.policy.operator(for: finding.type)
            if op == .tokenize {
                guard let token = tokens[index] else { throw RedactionError(.missingTokenizer, "the policy tokenizes; use the async redact") }
                replacements.append(token)
            } else {
                replacements.append(try replacement(op, finding, in: bytes))
            }
        }
        return RedactionResult(text: Self.splice(bytes, findings, replacements), findings: findings)
    }

    /// The original text of a finding (the message's UTF-8 bytes are decoded once per message, so many findings in
    /// a long message cost linear time).
    static func original(_ bytes: [UInt8], _ finding: Finding) -> String {
        String(decoding: bytes[finding.span.utf8], as: UTF8.self)
    }

    private func replacement(_ op: RedactionOperator, _ finding: Finding, in text: [UInt8]) throws -> String {
        switch op {
        case .mask: return "[REDACTED:\(finding.type.rawValue)]"
        case .remove: return ""
        case .keep: return Self.original(text, finding)
        case .partialMask(let first, let last):
            return Operators.partialMask(Self.original(text, finding), type: finding.type, keepFirst: first, keepLast: last)
        case .safeHarborZIP3:
            return Operators.zip3(Self.original(text, finding)) ?? "[REDACTED:\(finding.type.rawValue)]"
        case .pseudonym:
            guard let pseudonymKey else { throw RedactionError(.missingPseudonymKey, "the policy pseudonymizes but no key is configured") }
            return Operators.pseudonym(Self.original(text, finding), type: finding.type, key: pseudonymKey)
        case .tokenize:
            throw RedactionError(.missingTokenizer)
        }
    }

    /// Replaces each finding's UTF-8 range with its replacement.
    static func splice(_ bytes: [UInt8], _ findings: [Finding], _ replacements: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for (finding, replacement) in zip(findings, replacements) {
            out.append(contentsOf: bytes[at..<finding.span.utf8.lowerBound])
            out.append(contentsOf: replacement.utf8)
            at = finding.span.utf8.upperBound
        }
        out.append(contentsOf: bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }
}

/// The operators' pure functions.
enum Operators {
    /// Three-digit ZIP areas with 20,000 people or fewer (HHS guidance, 2000 census): replaced by 000.
    static let restrictedZIP3: Set<String> = ["036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830",
                                              "831", "878", "879", "884", "890", "893"]

    static func zip3(_ value: String) -> String? {
        let digits = value.utf8.filter(ByteClass.isDigit)
        guard digits.count == 5 || digits.count == 9, value.utf8.allSatisfy({ ByteClass.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == 0x20 }) else { return nil }
        let prefix = String(decoding: digits.prefix(3), as: UTF8.self)
        return (restrictedZIP3.contains(prefix) ? "000" : prefix) + "**"
    }

    static func partialMask(_ value: String, type: EntityType, keepFirst: Int, keepLast: Int) -> String {
        let bytes = Array(ScanText(value).bytes)
        let maskable = bytes.indices.filter { ByteClass.isAlphanumeric(bytes[$0]) }
        var first = max(0, keepFirst), last = max(0, keepLast)
        if type == .creditCard {
            first = min(first, maskable.count >= 16 ? 8 : 6)
            last = min(last, 4)
        } else {
            let cap = maskable.count / 2
            last = min(last, cap)
            first = min(first, cap - last)
        }
        var out = bytes
        for (n, index) in maskable.enumerated() where n >= first && n < maskable.count - last {
            out[index] = UInt8(ascii: "*")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical form a pseudonym is computed over: for numbers (mostly digits) the digits and letters without
    /// separators, so `212-555-0100` and `(212) 555 0100` agree; for everything else the normalized, case-folded
    /// text, so `john.doe@x.com` and `johndoe@x.com` stay different people.
    static func canonical(_ value: String) -> [UInt8] {
        let normalized = ScanText(value).bytes
        let digits = normalized.filter(ByteClass.isDigit).count
        let alphanumerics = normalized.filter(ByteClass.isAlphanumeric).count
        if alphanumerics > 0, digits * 2 >= alphanumerics { return AllowList.key(normalized[...]) }
        return normalized.map(ByteClass.lower)
    }

    static func pseudonym(_ value: String, type: EntityType, key: SecretKey) -> String {
        let canonical = canonical(value)
        let mac = key.withUnsafeBytes { keyBytes in
            SHA256.authenticationCode(key: Array(keyBytes), parts: [Array(type.rawValue.utf8), [0], canonical])
        }
        let hex = mac.withUnsafeBytes { bytes in bytes.prefix(8).map { b in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 15)]], as: UTF8.self)
        }.joined() }
        return "[\(type.rawValue):\(hex)]"
    }
}
