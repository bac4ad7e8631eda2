import Foundation
import Redaction
import Testing

/// Each detector on messages that must be found (with the exact text found) and near-misses that must not.
@Suite("Detectors: positives with exact spans, hard negatives")
struct DetectorTests {
    static let scanner = PIIScanner(policy: .all)

    /// (message, expected type, expected matched text).
    static let positives: [(String, String, String)] = [
        ("card 4111 1111 1111 1111 pls", "CREDIT_CARD", "4111 1111 1111 1111"),
        ("use 5555-5555-5555-4444", "CREDIT_CARD", "5555-5555-5555-4444"),
        ("amex 3782 822463 10005", "CREDIT_CARD", "3782 822463 10005"),
        ("mc 2221000000000009 ok", "CREDIT_CARD", "2221000000000009"),
        ("visa19 4000000000000000006", "CREDIT_CARD", "4000000000000000006"),
        ("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "CREDIT_CARD", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"),
        ("card 4111.1111.1111.1111", "CREDIT_CARD", "4111.1111.1111.1111"),
        ("card 4111 1111 1111 1111 exp 04/27 cvv 123", "CARD_EXPIRY", "04/27"),
        ("card 4111 1111 1111 1111 exp 04/27 cvv 123", "CARD_CVV", "123"),
        ("the security code is 4821", "CARD_CVV", "4821"),
        ("SSN 123-45-6789", "US_SSN", "123-45-6789"),
        ("my ssn is 536228432", "US_SSN", "536228432"),
        ("ITIN 912-70-1234", "US_ITIN", "912-70-1234"),
        ("SIN 130 692 544", "CA_SIN", "130 692 544"),
        ("NHS number 943 476 5919", "UK_NHS", "943 476 5919"),
        ("mail jane.doe+chat@example.co.uk now", "EMAIL", "jane.doe+chat@example.co.uk"),
        ("jane dot doe at gmail dot com", "EMAIL", "jane dot doe at gmail dot com"),
        ("jane[at]example[dot]org", "EMAIL", "jane[at]example[dot]org"),
        ("call (212) 555-0100 today", "PHONE", "(212) 555-0100"),
        ("call 212.555.0100", "PHONE", "212.555.0100"),
        ("call +1 212 555 0100", "PHONE", "+1 212 555 0100"),
        ("ring +44 20 7946 0958", "PHONE", "+44 20 7946 0958"),
        ("whatsapp +49 30 901820", "PHONE", "+49 30 901820"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN", "DE89 3704 0044 0532 0130 00"),
        ("iban GB82WEST12345698765432.", "IBAN", "GB82WEST12345698765432"),
        ("routing number 011000015", "ABA_ROUTING", "011000015"),
        ("NPI 1234567893", "NPI", "1234567893"),
        ("DEA AB1234563", "DEA_NUMBER", "AB1234563"),
        ("MRN: 4471923", "MEDICAL_RECORD_NUMBER", "4471923"),
        ("member id XJH123456789", "HEALTH_PLAN_ID", "XJH123456789"),
        ("acct # 1234-5678-9012", "ACCOUNT_NUMBER", "1234-5678-9012"),
        ("driver's license D1234567", "LICENSE_NUMBER", "D1234567"),
        ("passport number 533380006", "PASSPORT", "533380006"),
        ("plate 7ABC123", "LICENSE_PLATE", "7ABC123"),
        ("serial number SN48201937", "DEVICE_ID", "SN48201937"),
        ("appointment on 03/14/2026", "DATE", "03/14/2026"),
        ("see you March 3rd, 2026", "DATE", "March 3rd, 2026"),
        ("on the 3rd of March", "DATE", "3rd of March"),
        ("moved 2024-05-01 fine", "DATE", "2024-05-01"),
        ("DOB: 14.03.1985", "DATE_OF_BIRTH", "14.03.1985"),
        ("born on 1 May 1950", "DATE_OF_BIRTH", "1 May 1950"),
        ("she is 93 years old", "AGE_OVER_89", "93"),
        ("pt is a 91-year-old", "AGE_OVER_89", "91"),
        ("Springfield, IL 62704", "POSTAL_CODE", "62704"),
        ("postcode SW1A 1AA", "POSTAL_CODE", "SW1A 1AA"),
        ("ship to 1600 Pennsylvania Ave NW, Washington", "STREET_ADDRESS", "1600 Pennsylvania Ave NW"),
        ("I live at 42 Oak Street Apt 4B", "STREET_ADDRESS", "42 Oak Street Apt 4B"),
        ("Dr. Alvarez will see you", "PERSON", "Alvarez"),
        ("my name is Priya Raman", "PERSON", "Priya Raman"),
        ("Jennifer Lopez approved it", "PERSON", "Jennifer Lopez"),
        ("thanks maria", "PERSON", "maria"),
        ("server 10.0.0.1 down", "IP_ADDRESS", "10.0.0.1"),
        ("ip fe80::1ff:fe23:4567:890a ok", "IP_ADDRESS", "fe80::1ff:fe23:4567:890a"),
        ("link https://example.com/a?b=1.", "URL", "https://example.com/a?b=1"),
        ("go to www.example.org/help", "URL", "www.example.org/help"),
        ("mac 00:1A:2B:3C:4D:5E", "MAC_ADDRESS", "00:1A:2B:3C:4D:5E"),
        ("IMEI 490154203237518", "IMEI", "490154203237518"),
        ("VIN 1M8GDM9AXKP042788", "VIN", "1M8GDM9AXKP042788"),
        ("req 123e4567-e89b-42d3-a456-426614174000", "UUID", "123e4567-e89b-42d3-a456-426614174000"),
        ("btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "CRYPTO_ADDRESS", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ("key AKIAIOSFODNN7EXAMPLE", "CREDENTIAL", "AKIAIOSFODNN7EXAMPLE"),
        ("password: Hunter2!x", "CREDENTIAL", "Hunter2!x"),
        ("pwd=s3cr3t!", "CREDENTIAL", "s3cr3t!"),
        ("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----", "CREDENTIAL", "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----"),
    ]

    @Test("Found, with the exact span", arguments: positives)
    func positive(_ message: String, _ type: String, _ expected: String) {
        let findings = Self.scanner.scan(message)
        let match = findings.first { $0.type.rawValue == type }
        #expect(match != nil, "no \(type) in \(message); found \(findings.map(\.type.rawValue))")
        if let match { #expect(RedactionSupport.text(message, match) == expected) }
    }

    static let negatives: [String] = [
        "ref 4111 1111 1111 1112 is the invoice",        // not Luhn
        "order #100234987 shipped",
        "upgraded to v2.10.3 and 1.2.3.4.5",
        "log at 2024-05-01T10:22:33Z shows retry",
        "job ran 2024-05-01 10:22:33 ok",
        "it costs $1,299.99",
        "meeting at 10:30 in room 212",
        "take 2 x 500mg",
        "commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 fixed it",
        "see report_final.pdf and main.py",
        "open 24/7, 50% off",
        "I walked 12000 steps",
        "Will do, thanks",
        "May I ask something",
        "Hope you are well",
        "ISBN 978-3-16-148410-0",
        "SSN 000-12-3456 is not a real one",
        "batch 5861-1165-8322-0051 failed",
        "call back in 15 minutes",
        "meet at the office",
        "",
    ]

    @Test("Not found", arguments: negatives)
    func negative(_ message: String) {
        let findings = Self.scanner.scan(message)
        #expect(findings.isEmpty, "found \(findings.map { "\($0.type.rawValue):\(RedactionSupport.text(message, $0))" }) in \(message)")
    }

    @Test("Findings are ordered and never overlap")
    func ordering() {
        let text = "Jane Doe 4111 1111 1111 1111 jane@example.com 212-555-0100 SSN 123-45-6789 10.0.0.1"
        let findings = Self.scanner.scan(text)
        #expect(findings.count == 6)
        for (a, b) in zip(findings, findings.dropFirst()) { #expect(a.span.utf8.upperBound <= b.span.utf8.lowerBound) }
    }

    @Test("A finding's description names type, offsets and detector but never the text")
    func descriptionHasNoText() throws {
        let text = "SSN 123-45-6789"
        let finding = try #require(Self.scanner.scan(text).first)
        #expect(!finding.description.contains("123"))
        #expect(!String(describing: [finding]).contains("6789"))
        #expect(finding.description.contains("US_SSN"))
    }
}
