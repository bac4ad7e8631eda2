/// What kind of identifier a finding is: the built-in types below, or a tenant's own (see ``CustomRule``).
///
/// The raw values are stable: they appear in mask tags (`[REDACTED:US_SSN]`), in the `chatsec redact` findings
/// output and in policies.
public struct EntityType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The stable name, upper-case with underscores.
    public let rawValue: String

    /// A type with this name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The name.
    public var description: String { rawValue }

    /// Orders by name.
    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A payment card number (PAN): 12–19 digits, Luhn-valid, in a known IIN range.
    public static let creditCard = EntityType(rawValue: "CREDIT_CARD")
    /// A card verification code (CVV/CVC/CID) next to a card number or its keyword.
    public static let cardVerificationCode = EntityType(rawValue: "CARD_CVV")
    /// A card expiry date (MM/YY) next to a card number or its keyword.
    public static let cardExpiry = EntityType(rawValue: "CARD_EXPIRY")
    /// A US Social Security number.
    public static let usSSN = EntityType(rawValue: "US_SSN")
    /// A US Individual Taxpayer Identification Number.
    public static let usITIN = EntityType(rawValue: "US_ITIN")
    /// A Canadian Social Insurance Number (with its keyword).
    public static let caSIN = EntityType(rawValue: "CA_SIN")
    /// A UK NHS number (mod 11).
    public static let ukNHS = EntityType(rawValue: "UK_NHS")
    /// An email address.
    public static let email = EntityType(rawValue: "EMAIL")
    /// A telephone or fax number.
    public static let phone = EntityType(rawValue: "PHONE")
    /// An IBAN (mod 97, per-country length).
    public static let iban = EntityType(rawValue: "IBAN")
    /// A US ABA routing transit number (with its keyword).
    public static let abaRouting = EntityType(rawValue: "ABA_ROUTING")
    /// A US National Provider Identifier (with its keyword).
    public static let npi = EntityType(rawValue: "NPI")
    /// A US DEA registration number.
    public static let dea = EntityType(rawValue: "DEA_NUMBER")
    /// A medical record number (context-driven).
    public static let medicalRecordNumber = EntityType(rawValue: "MEDICAL_RECORD_NUMBER")
    /// A health-plan beneficiary, member or policy number (context-driven).
    public static let healthPlanID = EntityType(rawValue: "HEALTH_PLAN_ID")
    /// A bank or other account number (context-driven).
    public static let accountNumber = EntityType(rawValue: "ACCOUNT_NUMBER")
    /// A driver's licence, professional licence or certificate number (context-driven).
    public static let licenseNumber = EntityType(rawValue: "LICENSE_NUMBER")
    /// A passport number (context-driven).
    public static let passport = EntityType(rawValue: "PASSPORT")
    /// A vehicle licence plate (context-driven).
    public static let licensePlate = EntityType(rawValue: "LICENSE_PLATE")
    /// A calendar date (any element but the year alone).
    public static let date = EntityType(rawValue: "DATE")
    /// A date of birth: a date next to a birth keyword.
    public static let dateOfBirth = EntityType(rawValue: "DATE_OF_BIRTH")
    /// An age over 89.
    public static let age = EntityType(rawValue: "AGE_OVER_89")
    /// A ZIP or other postal code.
    public static let postalCode = EntityType(rawValue: "POSTAL_CODE")
    /// A street address.
    public static let streetAddress = EntityType(rawValue: "STREET_ADDRESS")
    /// A person's name.
    public static let person = EntityType(rawValue: "PERSON")
    /// An IPv4 or IPv6 address.
    public static let ipAddress = EntityType(rawValue: "IP_ADDRESS")
    /// A URL.
    public static let url = EntityType(rawValue: "URL")
    /// A MAC address.
    public static let macAddress = EntityType(rawValue: "MAC_ADDRESS")
    /// An IMEI (Luhn).
    public static let imei = EntityType(rawValue: "IMEI")
    /// A device identifier or serial number other than an IMEI (context-driven).
    public static let deviceID = EntityType(rawValue: "DEVICE_ID")
    /// A vehicle identification number (ISO 3779 with the North American check digit, or with its keyword).
    public static let vin = EntityType(rawValue: "VIN")
    /// A UUID.
    public static let uuid = EntityType(rawValue: "UUID")
    /// A cryptocurrency address (Bitcoin Base58Check or Bech32/Bech32m, Ethereum).
    public static let cryptoAddress = EntityType(rawValue: "CRYPTO_ADDRESS")
    /// A password, API key, token or private key.
    public static let credential = EntityType(rawValue: "CREDENTIAL")

    /// Every built-in type.
    public static let builtIn: [EntityType] = [
        .creditCard, .cardVerificationCode, .cardExpiry, .usSSN, .usITIN, .caSIN, .ukNHS, .email, .phone, .iban,
        .abaRouting, .npi, .dea, .medicalRecordNumber, .healthPlanID, .accountNumber, .licenseNumber, .passport,
        .licensePlate, .date, .dateOfBirth, .age, .postalCode, .streetAddress, .person, .ipAddress, .url,
        .macAddress, .imei, .deviceID, .vin, .uuid, .cryptoAddress, .credential,
    ]
}
