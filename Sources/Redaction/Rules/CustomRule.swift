/// A tenant's own identifier: a bounded pattern, the context words that make a match count, and an optional
/// validator. For example a hospital's MRN format:
///
/// ```swift
/// let mrn = try CustomRule(name: "acme-mrn", type: .medicalRecordNumber,
///                          pattern: BoundedPattern("AC\\d{7}"), contextWords: ["mrn", "chart"],
///                          scoreWithContext: 0.95, scoreWithoutContext: 0.6)
/// ```
public struct CustomRule: Sendable {
    /// A check applied to the matched text (normalized, separators kept).
    public enum Validator: Sendable {
        /// No check.
        case none
        /// The digits of the match pass Luhn.
        case luhn
        /// The match (spaces removed) is a valid IBAN.
        case iban
        /// The caller's own check. It receives the matched text; it must not log or keep it.
        case custom(@Sendable (String) -> Bool)
    }

    /// A name unique within a policy; findings report the detector as `custom:<name>`.
    public let name: String
    /// The type findings get (a built-in one or a new one such as `EntityType(rawValue: "EMPLOYEE_ID")`).
    public let type: EntityType
    /// What to match.
    public let pattern: BoundedPattern
    /// Words or phrases that must appear within ``contextWindow`` words before the match for ``scoreWithContext``.
    public let contextWords: [String]
    /// How many words before a match are searched for context.
    public let contextWindow: Int
    /// The check a match must pass.
    public let validator: Validator
    /// The confidence of a match with context.
    public let scoreWithContext: Double
    /// The confidence of a match without context; `nil` drops such matches.
    public let scoreWithoutContext: Double?
    /// Whether a match must not touch letters or digits on either side.
    public let wordBounded: Bool

    let keywords: KeywordSet

    /// A rule.
    /// - Throws: ``RedactionError`` with code `invalidConfiguration` for an empty name or scores outside 0…1.
    public init(name: String, type: EntityType, pattern: BoundedPattern, contextWords: [String] = [], contextWindow: Int = 5,
                validator: Validator = .none, scoreWithContext: Double = 0.9, scoreWithoutContext: Double? = nil,
                wordBounded: Bool = true) throws {
        guard !name.isEmpty, name.utf8.count <= 64, !type.rawValue.isEmpty else { throw RedactionError(.invalidConfiguration, "rule name or type is empty or too long") }
        guard (0...1).contains(scoreWithContext), (0...1).contains(scoreWithoutContext ?? 0), (1...50).contains(contextWindow) else {
            throw RedactionError(.invalidConfiguration, "scores must be within 0...1 and the context window within 1...50")
        }
        guard !contextWords.isEmpty || scoreWithoutContext != nil else {
            throw RedactionError(.invalidConfiguration, "a rule without context words needs scoreWithoutContext")
        }
        self.name = name
        self.type = type
        self.pattern = pattern
        self.contextWords = contextWords
        self.contextWindow = contextWindow
        self.validator = validator
        self.scoreWithContext = scoreWithContext
        self.scoreWithoutContext = scoreWithoutContext
        self.wordBounded = wordBounded
        keywords = KeywordSet(contextWords)
    }
}

/// Runs one ``CustomRule``.
struct CustomRuleDetector: Detector {
    let rule: CustomRule

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        for range in rule.pattern.matches(in: input.bytes) {
            if rule.wordBounded, !input.isWordBounded(range) { continue }
            switch rule.validator {
            case .none: break
            case .luhn:
                let digits = input.bytes[range].filter(ByteClass.isDigit)
                guard !digits.isEmpty, Checks.luhn(digits[...]) else { continue }
            case .iban:
                guard Checks.iban(input.bytes[range].filter { $0 != 0x20 }[...]) else { continue }
            case .custom(let check):
                guard check(input.text.string(range)) else { continue }
            }
            let context = !rule.contextWords.isEmpty && rule.keywords.occurs(before: input.token(at: range.lowerBound), within: rule.contextWindow, in: input.tokens)
            guard let score = context ? rule.scoreWithContext : rule.scoreWithoutContext else { continue }
            out.append(Candidate(type: rule.type, range: range, score: score, detector: "custom:" + rule.name))
        }
    }
}
