import Foundation
import Redaction
import Testing

/// Hostile input: scanning time grows linearly with length. Each pathological shape is scanned at 256 KiB and at
/// 1 MiB; the larger must take at most ~4× as long (with slack for noise), never the quadratic 16×.
@Suite("Linear time on hostile input", .serialized)
struct LinearTimeTests {
    static func build(_ unit: String, bytes: Int) -> String {
        String(repeating: unit, count: max(1, bytes / unit.utf8.count))
    }

    static let shapes: [(String, String)] = [
        ("digit run", "4"),
        ("spaced digits", "4 "),
        ("hyphenated digits", "41-"),
        ("dotted digits", "1."),
        ("repeated separators", " - "),
        ("card-like groups", "4111 1111 "),
        ("huge word", "a"),
        ("dotted labels", "a."),
        ("at signs", "a@"),
        ("colons", "a:"),
        ("double colons", "1::"),
        ("capitalized words", "Jane "),
        ("at-dot words", "x at y dot "),
        ("high-entropy run", "aB3x9Qz7"),
        ("url-ish", "http://a"),
        ("mixed", "4111-1111 jane@x.com 10.0.0.1 Mr. Smith 03/14/1985 "),
        ("full-width digits", "４"),
        ("zero-width joined digits", "4\u{200B}"),
    ]

    /// Scanning time; quick scans are repeated and the fastest kept, so other suites running in parallel add less noise.
    static func seconds(_ scanner: PIIScanner, _ text: String) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let c = ContinuousClock().measure { _ = scanner.scan(text) }.components
            best = min(best, Double(c.seconds) + Double(c.attoseconds) / 1e18)
            if best > 0.5 { break }
        }
        return best
    }

    @Test("1 MiB pathological strings scan in time proportional to their length (256 KiB vs 1 MiB)", arguments: shapes)
    func linear(_ name: String, _ unit: String) {
        let scanner = PIIScanner(policy: .all)
        let small = Self.seconds(scanner, Self.build(unit, bytes: 256 << 10))
        let large = Self.seconds(scanner, Self.build(unit, bytes: 1 << 20))
        print("linear time: \(name): 256 KiB \(String(format: "%.3f", small)) s, 1 MiB \(String(format: "%.3f", large)) s")
        // Linear is ~4x; quadratic would be 16x. The 50 ms floor keeps scheduler noise on tiny timings from failing it.
        #expect(large < max(small, 0.05) * 7, "\(name): 1 MiB took \(large) s, 256 KiB \(small) s")
        #expect(large < 20, "\(name): 1 MiB took \(large) s")
    }

    @Test("Redacting a long message with tens of thousands of findings stays linear")
    func manyFindings() throws {
        let redactor = try Redactor(policy: .all)
        let clock = ContinuousClock()
        func time(_ count: Int) throws -> Double {
            let text = String(repeating: "SSN 123-45-6789 and jane@example.com. ", count: count)
            var found = 0
            let started = clock.now
            found = try redactor.redactSynchronously(text).findings.count
            let c = (clock.now - started).components
            #expect(found == 2 * count)
            return Double(c.seconds) + Double(c.attoseconds) / 1e18
        }
        let small = try time(2_500), large = try time(10_000)
        #expect(large < max(small, 0.05) * 7, "10,000 took \(large) s, 2,500 \(small) s")
    }

    @Test("Custom rule patterns stay linear too")
    func customRule() throws {
        var policy = Policy(name: "t", entityTypes: [])
        policy.customRules = [try CustomRule(name: "t", type: EntityType(rawValue: "T"), pattern: BoundedPattern("\\d{1,64}-?\\d{1,64}[A-Z]{1,64}"), scoreWithoutContext: 1)]
        let scanner = PIIScanner(policy: policy)
        let small = Self.seconds(scanner, Self.build("1", bytes: 64 << 10))
        let large = Self.seconds(scanner, Self.build("1", bytes: 256 << 10))
        #expect(large < max(small, 0.05) * 7, "256 KiB took \(large) s, 64 KiB \(small) s")
    }
}
