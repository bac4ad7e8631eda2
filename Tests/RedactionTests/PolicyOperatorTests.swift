import CryptoPrimitives
import Foundation
import Redaction
import Testing

/// Policies choose types and operators; operators rewrite exactly; custom rules and allow-lists apply.
@Suite("Policies, operators, custom rules and allow-lists")
struct PolicyOperatorTests {
    static let key = SecretKey(copying: [UInt8](repeating: 7, count: 32))
    static let otherKey = SecretKey(copying: [UInt8](repeating: 8, count: 32))

    @Test("Mask tags every finding with its type")
    func mask() throws {
        let redactor = try Redactor(policy: .all)
        let result = try redactor.redactSynchronously("SSN 123-45-6789, email jane@example.com")
        #expect(result.text == "SSN [REDACTED:US_SSN], email [REDACTED:EMAIL]")
        #expect(result.findings.count == 2)
    }

    @Test("PCI preset: BIN and last four at most, CVV removed, expiry masked; non-PCI types untouched")
    func pci() throws {
        let redactor = try Redactor(policy: .pci)
        let result = try redactor.redactSynchronously("card 4111 1111 1111 1111 exp 04/27 cvv 123, ssn 123-45-6789")
        #expect(result.text == "card 4111 11** **** 1111 exp [REDACTED:CARD_EXPIRY] cvv , ssn 123-45-6789")
    }

    @Test("Partial masks never show more than PCI allows, whatever is asked")
    func partialClamp() throws {
        var policy = Policy.pci
        policy.operators[.creditCard] = .partialMask(keepFirst: 12, keepLast: 12)
        let redactor = try Redactor(policy: policy)
        #expect(try redactor.redactSynchronously("card 4111111111111111").text == "card 41111111****1111")
        #expect(try redactor.redactSynchronously("amex 378282246310005").text == "amex 378282*****0005")
        policy.entityTypes.insert(.phone)
        policy.operators[.phone] = .partialMask(keepFirst: 10, keepLast: 10)
        #expect(try Redactor(policy: policy).redactSynchronously("call 212-555-0100").text == "call ***-**5-0100")
    }

    @Test("Remove deletes; keep reports without rewriting")
    func removeAndKeep() throws {
        var policy = Policy.all
        policy.operators[.email] = .remove
        policy.operators[.phone] = .keep
        let result = try Redactor(policy: policy).redactSynchronously("mail jane@example.com or 212-555-0100")
        #expect(result.text == "mail  or 212-555-0100")
        #expect(result.findings.map(\.type) == [.email, .phone])
    }

    @Test("Pseudonyms: stable across messages and formats, different per tenant key and per type, keyed")
    func pseudonyms() throws {
        var policy = Policy.all
        policy.defaultOperator = .pseudonym
        let tenant = try Redactor(policy: policy, pseudonymKey: Self.key)
        let a = try tenant.redactSynchronously("call 212-555-0100").text
        let b = try tenant.redactSynchronously("call (212) 555 0100").text
        let c = try Redactor(policy: policy, pseudonymKey: Self.otherKey).redactSynchronously("call 212-555-0100").text
        #expect(a == b)
        #expect(a != c)
        // Non-numeric values keep their punctuation in the canonical form; case does not matter.
        let dotted = try tenant.redactSynchronously("mail john.doe@example.com").text
        #expect(dotted != (try tenant.redactSynchronously("mail johndoe@example.com").text))
        #expect(dotted == (try tenant.redactSynchronously("mail John.Doe@Example.com").text))
        #expect(a.hasPrefix("call [PHONE:") && a.count == "call [PHONE:".count + 17)
        #expect(!a.contains("555"))
        #expect(throws: RedactionError(.missingPseudonymKey)) { try Redactor(policy: policy).redactSynchronously("call 212-555-0100") }
        #expect(throws: RedactionError(.invalidConfiguration)) { try Redactor(policy: policy, pseudonymKey: SecretKey(copying: [1, 2, 3])) }
    }

    actor VaultTokenizer: RedactionTokenizer {
        var vault: [String: String] = [:]
        func tokenize(_ value: String, type: EntityType) async throws -> String {
            let token = "tok_\(vault.count + 1)"
            vault[token] = value
            return token
        }
        func detokenize(_ token: String) -> String? { vault[token] }
    }

    @Test("Tokenization goes through the pluggable tokenizer and is reversible by it")
    func tokenize() async throws {
        var policy = Policy.all
        policy.operators[.creditCard] = .tokenize
        let tokenizer = VaultTokenizer()
        let redactor = try Redactor(policy: policy, tokenizer: tokenizer)
        let result = try await redactor.redact("card 4111 1111 1111 1111 ok")
        #expect(result.text == "card tok_1 ok")
        #expect(await tokenizer.detokenize("tok_1") == "4111 1111 1111 1111")
        #expect(throws: RedactionError(.missingTokenizer)) { try redactor.redactSynchronously("card 4111 1111 1111 1111") }
        await #expect(throws: RedactionError(.missingTokenizer)) { try await Redactor(policy: policy).redact("card 4111 1111 1111 1111") }
    }

    @Test("HIPAA Safe Harbor keeps three ZIP digits except the 17 restricted areas")
    func zip3() throws {
        let redactor = try Redactor(policy: .hipaaSafeHarbor)
        #expect(try redactor.redactSynchronously("Springfield, IL 62704").text == "Springfield, IL 627**")
        #expect(try redactor.redactSynchronously("Cheyenne, WY 82001").text == "Cheyenne, WY 820**")
        #expect(try redactor.redactSynchronously("Elko, NV 89301").text == "Elko, NV 000**")
    }

    @Test("Presets choose their types")
    func presets() throws {
        let text = "Dr. Alvarez, card 4111 1111 1111 1111, DOB 03/14/1985"
        #expect(PIIScanner(policy: .pci).scan(text).map(\.type) == [.creditCard])
        #expect(Set(PIIScanner(policy: .hipaaSafeHarbor).scan(text).map(\.type)) == [.person, .creditCard, .dateOfBirth])
        #expect(Set(PIIScanner(policy: .gdpr).scan(text).map(\.type)) == [.person, .creditCard, .dateOfBirth])
        #expect(Policy.preset(named: "hipaa")?.name == "hipaa-safe-harbor")
        #expect(Policy.preset(named: "nope") == nil)
    }

    @Test("Allow-listed values are never reported, in any formatting")
    func allowList() {
        var policy = Policy.all
        policy.allowList = ["1-800-555-0199", "support@example.com"]
        let findings = PIIScanner(policy: policy).scan("call +1 (800) 555-0199 or SUPPORT@example.com, or me at 212-555-0100")
        #expect(findings.map(\.type) == [.phone])
    }

    @Test("Custom rules: pattern, context words, validator and score")
    func customRules() throws {
        var policy = Policy.all
        let rule = try CustomRule(name: "acme-mrn", type: EntityType(rawValue: "ACME_MRN"), pattern: BoundedPattern("AC-?\\d{7}", caseInsensitive: true),
                                  contextWords: ["chart"], scoreWithContext: 0.95, scoreWithoutContext: 0.6)
        let luhnRule = try CustomRule(name: "gift-card", type: EntityType(rawValue: "GIFT_CARD"), pattern: BoundedPattern("GC\\d{9}"),
                                      validator: .luhn, scoreWithContext: 0.9, scoreWithoutContext: 0.9)
        policy.customRules = [rule, luhnRule]
        let scanner = PIIScanner(policy: policy)
        let withContext = try #require(scanner.scan("chart ac-1234567 updated").first)
        #expect(withContext.type.rawValue == "ACME_MRN" && withContext.confidence == 0.95 && withContext.detector == "custom:acme-mrn")
        #expect(scanner.scan("ref AC1234567").first?.confidence == 0.6)
        #expect(scanner.scan("ref XAC1234567").isEmpty)                      // word-bounded
        #expect(scanner.scan("gift GC123456782").first?.type.rawValue == "GIFT_CARD")
        #expect(scanner.scan("gift GC123456783").isEmpty)                     // Luhn fails
        var strict = policy
        strict.customRules = [try CustomRule(name: "ctx", type: EntityType(rawValue: "X"), pattern: BoundedPattern("\\d{4}"), contextWords: ["code"])]
        #expect(PIIScanner(policy: strict).scan("code 1234").first?.type.rawValue == "X")
        #expect(PIIScanner(policy: strict).scan("room 1234").isEmpty)
        #expect(throws: RedactionError(.invalidConfiguration)) { try CustomRule(name: "", type: .person, pattern: BoundedPattern("a"), scoreWithoutContext: 1) }
    }

    @Test("Bounded patterns refuse unbounded and unsupported syntax", arguments: [
        "a*", "a+", "\\d{2,}", "(ab)", "a|b", "^a", "a{1,100}", "[abc", "\\q", "a{3,1}", "", "a?", "\\d{64}\\d{64}\\d{64}\\d{65}",
    ])
    func patternErrors(_ source: String) {
        #expect(throws: RedactionError(.invalidPattern)) { try BoundedPattern(source) }
    }

    @Test("Bounded patterns match leftmost-longest", arguments: [
        ("\\d{3}-?\\d{2}", "x 123-45 y", "123-45"), ("[A-Z]{2}\\d{2,4}", "ref AB12345", "AB1234"), ("a.c", "xxabcxx", "abc"),
        ("[^ ]{3}", "  xyz ", "xyz"),
    ])
    func patternMatches(_ source: String, _ text: String, _ expected: String) throws {
        let rule = try CustomRule(name: "t", type: EntityType(rawValue: "T"), pattern: BoundedPattern(source), scoreWithoutContext: 1, wordBounded: false)
        var policy = Policy(name: "t", entityTypes: [])
        policy.customRules = [rule]
        let finding = try #require(PIIScanner(policy: policy).scan(text).first)
        #expect(RedactionSupport.text(text, finding) == expected)
    }
}
