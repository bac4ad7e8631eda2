/// What to look for and what to do with it: the entity types a tenant cares about, the operator for each, the
/// confidence threshold, values never to flag, and the tenant's own rules.
///
/// Start from a preset (``hipaaSafeHarbor``, ``pci``, ``gdpr``, ``all``) and adjust:
///
/// ```swift
/// var policy = Policy.pci
/// policy.allowList = ["1-800-555-0199"]            // our support line
/// policy.operators[.person] = .pseudonym
/// policy.entityTypes.insert(.person)
/// ```
public struct Policy: Sendable {
    /// A short name (`hipaa-safe-harbor`, `pci`, `gdpr`, `all`, or the tenant's).
    public var name: String
    /// The types reported; findings of other types are dropped.
    public var entityTypes: Set<EntityType>
    /// The operator per type; types without one use ``defaultOperator``.
    public var operators: [EntityType: RedactionOperator]
    /// The operator for types without their own.
    public var defaultOperator: RedactionOperator
    /// Findings below this confidence are dropped (default 0.5).
    public var minimumConfidence: Double
    /// Values never reported (compared case-insensitively, ignoring spaces, hyphens, dots, brackets and `+`).
    public var allowList: [String]
    /// The tenant's own rules; their types are added to ``entityTypes`` automatically.
    public var customRules: [CustomRule] {
        didSet { for rule in customRules { entityTypes.insert(rule.type) } }
    }

    /// A policy.
    public init(name: String, entityTypes: Set<EntityType>, operators: [EntityType: RedactionOperator] = [:],
                defaultOperator: RedactionOperator = .mask, minimumConfidence: Double = 0.5, allowList: [String] = [],
                customRules: [CustomRule] = []) {
        self.name = name
        self.entityTypes = entityTypes.union(customRules.map(\.type))
        self.operators = operators
        self.defaultOperator = defaultOperator
        self.minimumConfidence = minimumConfidence
        self.allowList = allowList
        self.customRules = customRules
    }

    /// The operator for `type`.
    public func `operator`(for type: EntityType) -> RedactionOperator { operators[type] ?? defaultOperator }

    /// A preset by name: `hipaa`/`hipaa-safe-harbor`, `pci`, `gdpr`, `all`.
    public static func preset(named name: String) -> Policy? {
        switch name.lowercased() {
        case "hipaa", "hipaa-safe-harbor", "safe-harbor": return .hipaaSafeHarbor
        case "pci", "pci-dss": return .pci
        case "gdpr": return .gdpr
        case "all": return .all
        default: return nil
        }
    }
}

extension Policy {
    /// HIPAA Safe Harbor (45 CFR 164.514(b)(2)): the 18 identifier categories that this scanner can see in text —
    /// names, geography below state level (street addresses, ZIP codes: the first three digits are kept unless the
    /// area is one of the 17 restricted prefixes), dates and ages over 89, phone and fax numbers, email addresses,
    /// SSNs, medical record, health-plan, account and licence numbers, vehicle and device identifiers, URLs, IP
    /// addresses and other unique numbers (cards, IBANs, national IDs, UUIDs, crypto addresses, credentials).
    /// Everything is masked with its type tag.
    public static let hipaaSafeHarbor = Policy(
        name: "hipaa-safe-harbor",
        entityTypes: [.person, .streetAddress, .postalCode, .date, .dateOfBirth, .age, .phone, .email, .usSSN, .usITIN,
                      .medicalRecordNumber, .healthPlanID, .accountNumber, .licenseNumber, .passport, .licensePlate, .vin,
                      .deviceID, .imei, .macAddress, .url, .ipAddress, .creditCard, .cardVerificationCode, .cardExpiry,
                      .iban, .abaRouting, .caSIN, .ukNHS, .uuid, .cryptoAddress, .credential, .npi, .dea],
        operators: [.postalCode: .safeHarborZIP3]
    )

    /// PCI DSS v4.0: primary account numbers shown at most as BIN and last four (3.4.1), card verification codes
    /// and expiry dates removed, PINs, passwords and keys masked.
    public static let pci = Policy(
        name: "pci",
        entityTypes: [.creditCard, .cardVerificationCode, .cardExpiry, .credential],
        operators: [.creditCard: .partialMask(keepFirst: 6, keepLast: 4), .cardVerificationCode: .remove]
    )

    /// GDPR personal data commonly seen in chat: names, contact details, online identifiers, national and financial
    /// identifiers, dates of birth. Masked by default; tenants that want joinable analytics switch types to
    /// ``RedactionOperator/pseudonym`` (pseudonymisation, Art. 4(5)).
    public static let gdpr = Policy(
        name: "gdpr",
        entityTypes: [.person, .email, .phone, .ipAddress, .streetAddress, .postalCode, .dateOfBirth, .iban, .accountNumber,
                      .passport, .licenseNumber, .usSSN, .usITIN, .caSIN, .ukNHS, .creditCard, .cardVerificationCode,
                      .cardExpiry, .macAddress, .imei, .deviceID, .licensePlate, .vin, .cryptoAddress, .credential, .url,
                      .medicalRecordNumber, .healthPlanID, .age]
    )

    /// Every built-in type, masked.
    public static let all = Policy(name: "all", entityTypes: Set(EntityType.builtIn))
}
