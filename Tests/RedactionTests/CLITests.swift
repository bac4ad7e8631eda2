import Foundation
import Redaction
import Testing

/// `chatsec redact`: text and JSON lines in, redacted text or findings out, code point offsets.
@Suite("chatsec redact")
struct RedactCLITests {
    static func chatsec(_ arguments: [String], input: String) throws -> (status: Int32, output: String, error: String) {
        let result = try RedactionSupport.run(try RedactionSupport.binary("chatsec"), ["redact"] + arguments, input: Data(input.utf8))
        return (result.status, String(decoding: result.output, as: UTF8.self), result.error)
    }

    @Test("Plain text in, redacted text out, one line per message")
    func text() throws {
        let result = try Self.chatsec([], input: "SSN 123-45-6789\nnothing here\ncall 212-555-0100\n")
        #expect(result.status == 0)
        #expect(result.output == "SSN [REDACTED:US_SSN]\nnothing here\ncall [REDACTED:PHONE]\n")
        #expect(!result.error.contains("123"))
    }

    @Test("JSON lines keep their other fields; findings use code point offsets that Python indexes agree with")
    func jsonLines() throws {
        let line = #"{"id":7,"room":"r1","text":"👩🏽‍⚕️ Zoë: SSN 123-45-6789"}"#
        var result = try Self.chatsec(["--input-format", "jsonl"], input: line + "\n")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "👩🏽‍⚕️ Zoë: SSN [REDACTED:US_SSN]")
        #expect(object["room"] as? String == "r1")
        result = try Self.chatsec(["--input-format", "jsonl", "--format", "findings"], input: line + "\n")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(record["id"] as? Int == 7)
        let finding = try #require((record["findings"] as? [[String: Any]])?.first)
        let scalars = Array("👩🏽‍⚕️ Zoë: SSN 123-45-6789".unicodeScalars)
        let start = try #require(finding["start"] as? Int), end = try #require(finding["end"] as? Int)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "123-45-6789")
        #expect(finding["type"] as? String == "US_SSN")
        #expect((finding["score"] as? Double ?? 0) > 0.5)
    }

    @Test("Policies, operators and allow-lists from the command line")
    func options() throws {
        var result = try Self.chatsec(["--policy", "pci"], input: "card 4111 1111 1111 1111 ssn 123-45-6789\n")
        #expect(result.output == "card 4111 11** **** 1111 ssn 123-45-6789\n")
        result = try Self.chatsec(["--allow", "212-555-0100", "--operator", "EMAIL=remove"], input: "212-555-0100 a@example.com\n")
        #expect(result.output == "212-555-0100 \n")
    }

    @Test("Bad input and bad options are errors with exit code 2, naming no message content")
    func errors() throws {
        var result = try Self.chatsec(["--input-format", "jsonl"], input: "{\"text\": 5, \"ssn\": \"123-45-6789\"}\n")
        #expect(result.status != 0)
        #expect(!result.error.contains("123-45"))
        result = try Self.chatsec(["--policy", "nope"], input: "x\n")
        #expect(result.status != 0)
        result = try Self.chatsec(["--operator", "EMAIL=pseudonym"], input: "a@example.com\n")
        #expect(result.status != 0)
        #expect(result.error.contains("missingPseudonymKey"))
    }
}
