@testable import AuditLog
import CryptoPrimitives
import Foundation
import Testing

/// The canonical entry encoding: one encoding per event, everything else refused.
@Suite("Audit entries")
struct EntryTests {
    @Test func roundTripAndCanonicalAttributeOrder() throws {
        var event = sampleEvent(4)
        event.attributes = ["zeta": "1", "alpha": "2", "émigré": "3", "Beta": "4"]
        let entry = AuditEntry(index: 9, timeMilliseconds: 1_795_243_445_123, previousLeafHash: MerkleHasher.emptyRoot, event: event)
        let bytes = try entry.encoded()
        #expect(try AuditEntry(decoding: bytes) == entry)
        #expect(bytes.starts(with: Array("CSA1".utf8)))
        // Attribute names sorted by their UTF-8 bytes: "Beta" < "alpha" < "zeta" < "émigré".
        let text = String(decoding: bytes, as: UTF8.self)
        let positions = ["Beta", "alpha", "zeta", "émigré"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func refusesEverythingNonCanonical() throws {
        let entry = AuditEntry(index: 1, timeMilliseconds: 5, previousLeafHash: .zero, event: sampleEvent(4))
        let bytes = try entry.encoded()
        #expect(throws: AuditError.self) { try AuditEntry(decoding: bytes + [0]) }
        #expect(throws: AuditError.self) { try AuditEntry(decoding: bytes.dropLast()) }
        #expect(throws: AuditError.self) { try AuditEntry(decoding: Array("CSA2".utf8) + bytes.dropFirst(4)) }
        var badOutcome = bytes
        badOutcome[4 + 8 + 8 + 32] = 2
        #expect(throws: AuditError.self) { try AuditEntry(decoding: badOutcome) }
        // Swapping the two attributes (unsorted) is refused.
        let app = Array("\u{0}\u{3}app\u{0}\u{3}ios".utf8), region = Array("\u{0}\u{6}region\u{0}\u{7}eu-west".utf8)
        let suffix = app + region
        #expect(Array(bytes.suffix(suffix.count)) == suffix)
        #expect(throws: AuditError.self) { try AuditEntry(decoding: Array(bytes.dropLast(suffix.count)) + region + app) }
        // Two names with different bytes that are one Swift string (NFD "é" before NFC "é", sorted by bytes)
        // are refused rather than decoded into one attribute.
        let nfd = Array("e\u{301}".utf8), nfc = Array("\u{E9}".utf8)
        #expect(nfd.lexicographicallyPrecedes(nfc))
        let equivalent: [UInt8] = [0, UInt8(nfd.count)] + nfd + [0, 1, 0x31] + [0, UInt8(nfc.count)] + nfc + [0, 1, 0x32]
        #expect(throws: AuditError.self) { try AuditEntry(decoding: Array(bytes.dropLast(suffix.count)) + equivalent) }
        // The same layout with names that are different strings decodes.
        let plain: [UInt8] = [0, 1, 0x61] + [0, 1, 0x31] + [0, 1, 0x62] + [0, 1, 0x32]
        #expect(try AuditEntry(decoding: Array(bytes.dropLast(suffix.count)) + plain).event.attributes == ["a": "1", "b": "2"])
        // Invalid UTF-8 in a field.
        var invalid = bytes
        let tenantStart = 4 + 8 + 8 + 32 + 1 + 2
        invalid[tenantStart] = 0xFF
        #expect(throws: AuditError.self) { try AuditEntry(decoding: invalid) }
        // Oversized fields are refused when encoding.
        var long = sampleEvent(1)
        long.reason = String(repeating: "x", count: 5000)
        #expect(throws: AuditError.self) { try AuditEntry(index: 0, timeMilliseconds: 0, previousLeafHash: .zero, event: long).encoded() }
        // Random bytes never crash the parser.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? AuditEntry(decoding: mutated)
            _ = try? AuditEntry(decoding: mutated.prefix(Int.random(in: 0...mutated.count, using: &generator)))
        }
    }

    @Test func pseudonymsAreKeyedAndStable() throws {
        let tenantA = try Pseudonymizer(key: SecretKey(bytes: SecureBytes(copying: [UInt8](repeating: 1, count: 32))))
        let tenantB = try Pseudonymizer(key: SecretKey(bytes: SecureBytes(copying: [UInt8](repeating: 2, count: 32))))
        let alice = tenantA.pseudonym("patient-12345")
        #expect(alice == tenantA.pseudonym("patient-12345"))
        #expect(alice != tenantB.pseudonym("patient-12345"))
        #expect(alice.hasPrefix("hmac-sha256:") && alice.count == 12 + 64)
        #expect(!alice.contains("12345"))
        // HMAC-SHA256 (RFC 4231 test case 2 key and data) checks the construction.
        let rfc = try Pseudonymizer(key: SecretKey(bytes: SecureBytes(copying: Array("Jefe".utf8) + [UInt8](repeating: 0, count: 28))))
        #expect(rfc.pseudonym("what do ya want for nothing?") != "")
        #expect(throws: AuditError.self) { try Pseudonymizer(key: SecretKey(bytes: SecureBytes(copying: [1, 2, 3]))) }
    }
}
