import Foundation
import Redaction
import Testing

/// Obfuscations are seen through, and offsets point into the original text in all three systems.
@Suite("Normalization and offsets")
struct NormalizationTests {
    let scanner = PIIScanner(policy: .all)

    @Test("Full-width, Arabic-Indic and Devanagari digits, zero-width and soft-hyphen characters inside numbers", arguments: [
        "card ４１１１ １１１１ １１１１ １１１１",
        "card ٤١١١١١١١١١١١١١١١",
        "card ४१११ ११११ ११११ ११११",
        "card 4111\u{200B}1111\u{200B}1111\u{200B}1111",
        "card 4111\u{00AD}1111\u{00AD}1111\u{00AD}1111",
        "card 4111\u{2060}1111 1111\u{FEFF}1111",
        "card 4111\u{2013}1111\u{2013}1111\u{2013}1111",
        "card 4111\u{00A0}1111\u{00A0}1111\u{00A0}1111",
    ])
    func obfuscatedCard(_ text: String) throws {
        let finding = try #require(scanner.scan(text).first { $0.type == .creditCard })
        // The span covers the whole number in the original text, obfuscation included.
        let found = RedactionSupport.text(text, finding)
        #expect(found.unicodeScalars.first.map { $0.properties.numericType != nil } == true)
        #expect(String(text.unicodeScalars.suffix(text.unicodeScalars.count - 5)) == found)
    }

    @Test("Full-width @ and letters in an email")
    func fullWidthEmail() throws {
        let text = "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"
        let finding = try #require(scanner.scan(text).first)
        #expect(finding.type == .email)
        #expect(finding.span.scalars == 0..<text.unicodeScalars.count)
    }

    @Test("Offsets in UTF-8, UTF-16 and scalars after emoji and accents")
    func offsets() throws {
        let text = "👩🏽‍⚕️ Zoë says: SSN 123-45-6789 ✅"
        let finding = try #require(scanner.scan(text).first { $0.type == .usSSN })
        let utf8 = Array(text.utf8)
        #expect(String(decoding: utf8[finding.span.utf8], as: UTF8.self) == "123-45-6789")
        let utf16 = Array(text.utf16)
        #expect(String(decoding: utf16[finding.span.utf16], as: UTF16.self) == "123-45-6789")
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[finding.span.scalars])) == "123-45-6789")
        #expect(finding.span.scalars.lowerBound < finding.span.utf16.lowerBound)
        #expect(finding.span.utf16.lowerBound < finding.span.utf8.lowerBound)
    }

    @Test("Numbers split across a line break")
    func lineBreak() throws {
        let text = "card 4111 1111\n1111 1111 thanks"
        let finding = try #require(scanner.scan(text).first { $0.type == .creditCard })
        #expect(RedactionSupport.text(text, finding) == "4111 1111\n1111 1111")
    }
}
