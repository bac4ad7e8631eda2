import Foundation
@testable import KeyService
import Testing

/// Base64 and hex as the Transit API uses them: RFC 4648's test vectors, and agreement with Foundation.
@Suite("Encodings")
struct EncodingTests {
    /// RFC 4648, section 10.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func rfc4648Base64(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    /// RFC 4648, section 10 (base16, lowercased as Vault prints it).
    @Test(arguments: [("", ""), ("f", "66"), ("fo", "666f"), ("foo", "666f6f"), ("foobar", "666f6f626172")])
    func rfc4648Hex(plain: String, encoded: String) {
        #expect(Hex.encode(Array(plain.utf8)) == encoded)
        #expect(Hex.decode(encoded) == Array(plain.utf8))
        #expect(Hex.decode(encoded.uppercased()) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg", "Zg=", "Z===", "====", "Zm9v\n", " Zm9v", "Zm9v Zm9v", "Zg==Zg==", "Zm=v", "Zm9-", "Zm9_", "Zm9v=", "QQ=A", "Zm\u{e9}v"])
    func refusedBase64(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let ours = Base64.encode(bytes)
            #expect(ours == Data(bytes).base64EncodedString())
            #expect(Base64.decode(ours) == bytes)
        }
        // Random strings over the alphabet plus padding: whenever we accept, Foundation decodes the same bytes.
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        for _ in 0..<5000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in characters.randomElement(using: &generator) ?? "A" })
            if let ours = Base64.decode(text) {
                #expect(Data(base64Encoded: text).map { [UInt8]($0) } == ours, "\(text)")
            }
        }
    }

    @Test func pathSegmentsSplitOnTheByte() {
        #expect("".slashSegments == [""])
        #expect("a//b".slashSegments == ["a", "", "b"])
        #expect("/a/".slashSegments == ["", "a", ""])
        #expect("transit/keys/k".slashSegments == ["transit", "keys", "k"])
        // A combining mark after `/` forms one grapheme with it; the separator still counts.
        let tricky = "keys/\u{301}x"
        #expect(tricky.split(separator: "/").count == 1, "Character-based split would miss it")
        #expect(tricky.slashSegments.count == 2)
        #expect("caf\u{e9}/x".hasBytePrefix("caf\u{e9}") && !"cafe\u{301}/x".hasBytePrefix("caf\u{e9}"))
        #expect(Base64.encode([1, 2, 3], prefix: "vault:v1:") == "vault:v1:AQID")
    }

    @Test func timestampsAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SystemRandomNumberGenerator()
        let fixed: [Int64] = [0, 1, 86399, 86400, 951_782_400, 951_868_800, 1_709_164_800, 4_107_542_400, 1_795_243_445, 253_402_300_799]
        for seconds in fixed + (0..<2000).map({ _ in Int64.random(in: 0...253_402_300_799, using: &generator) }) {
            #expect(Timestamp.rfc3339(seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))), "\(seconds)")
        }
        #expect(Timestamp.rfc3339(-1) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.rfc3339(.max) == "9999-12-31T23:59:59Z")
    }
}
