import Foundation
import StrictJSON
import Testing

/// The strict parser (request bodies, configuration, event lines): RFC 8259 exactly, checked case by case and
/// against Foundation's JSONSerialization as an independent parser on generated documents.
@Suite("Strict JSON")
struct JSONParserTests {
    @Test(arguments: [
        (#"{}"#, JSONValue.object([:])),
        (#" {"a" : [1, -2, 3.5, 1e3, -0, true, false, null]} "#, ["a": [1, -2, .number(3.5), .number(1000), 0, true, false, .null]]),
        (#""\u00e9\ud83d\ude00\n\t\"\\\/""#, .string("é😀\n\t\"\\/")),
        (#"9223372036854775807"#, .integer(Int64.max)),
        (#"9223372036854775808"#, .number(9223372036854775808)),
        (#"[[[]]]"#, [[[]]]),
        ("\"caf\u{e9}\"", "café"),
    ] as [(String, JSONValue)])
    func accepts(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(Data(text.utf8)) == expected)
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", ".5", "+1", "NaN", "Infinity", "-", "1e", "1e+",
        "\"\u{01}\"", #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\x41""#, #""\u12G4""#, "tru", "nulll", "[1] 2",
        "{\"a\":1}{}", "\u{feff}{}", #"{"a":1,"a":2}"#, "[1 2]", "{\"a\" 1}", "{1:2}", "\"unterminated", "1e400",
    ])
    func refuses(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    /// Two keys that are different bytes but one Swift string (NFC and NFD "é") are duplicates: refused, so a
    /// reader never silently drops one of them.
    @Test func canonicallyEquivalentKeysAreDuplicates() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data("{\"\u{E9}\":1,\"e\u{301}\":2}".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(#"{"\u00e9":1,"e\u0301":2}"#.utf8)) }
    }

    /// Errors say where, never what.
    @Test func errorsNameAnOffsetOnly() {
        do {
            _ = try JSONValue.parse(Data(#"{"ssn":"123-45-6789",}"#.utf8))
            Issue.record("accepted a trailing comma")
        } catch {
            #expect(error.offset > 0 && !"\(error)".contains("6789"))
        }
    }

    @Test func refusesInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
        }
    }

    @Test func depthIsBounded() throws {
        let ok = String(repeating: "[", count: JSONValue.maximumDepth) + String(repeating: "]", count: JSONValue.maximumDepth)
        #expect(throws: Never.self) { try JSONValue.parse(Data(ok.utf8)) }
        for depth in [JSONValue.maximumDepth + 1, 100_000] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(deep.utf8)) }
            let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(objects.utf8)) }
        }
    }

    @Test func serializationRoundTrips() throws {
        let value: JSONValue = ["b": [1, .number(2.5), "x\u{1}\"\\/é", .null, true], "a": ["nested": [:]], "c": .number(-1e-7)]
        let bytes = value.serializedBytes()
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"a":{"nested":{}},"b":[1,2.5,"x\u0001\"\\/é",null,true]"#))
        #expect(try JSONValue.parse(bytes) == value)
        // Foundation reads what we write.
        let foundation = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect((foundation?["b"] as? [Any])?.count == 5)
    }

    /// Random documents, some mutated: wherever Foundation's parser and ours both have an opinion they agree,
    /// apart from what we refuse on purpose (duplicate keys, nesting deeper than 64).
    @Test func agreesWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<3000 {
            var bytes = Self.randomDocument(depth: 0, using: &generator).serializedBytes()
            if Bool.random(using: &generator), !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes[position] = UInt8.random(in: 0x20...0x7E, using: &generator)
                default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: position)
                }
            }
            let ours = (try? JSONValue.parse(bytes)) != nil
            let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            if ours { #expect(theirs, "we accepted what Foundation refuses: \(String(decoding: bytes, as: UTF8.self))") }
            if theirs && !ours {
                // Our deliberate refusals only.
                let text = String(decoding: bytes, as: UTF8.self)
                let duplicate = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])).map { _ in Self.hasDuplicateKeys(text) } ?? false
                #expect(duplicate || Self.leniencyOfFoundation(text), "Foundation accepted what we refuse: \(text)")
            }
            checked += 1
        }
        #expect(checked == 3000)
    }

    static func randomDocument(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: -1_000_000...1_000_000, using: &generator))
        case 3: return .number(Double(Int.random(in: -1000...1000, using: &generator)) / 8)
        case 4: return .string(String((0..<Int.random(in: 0..<8, using: &generator)).map { _ in "aé\"\\/ \n😀z".randomElement(using: &generator) ?? "a" }))
        case 5: return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomDocument(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0..<4, using: &generator) { members["k\(index)"] = randomDocument(depth: depth + 1, using: &generator) }
            return .object(members)
        }
    }

    /// A mutation can make two keys equal (`"k1"` → `"k0"`): Foundation keeps the last, we refuse.
    static func hasDuplicateKeys(_ text: String) -> Bool {
        let keys = text.matches(of: /"(k\d)":/).map { String($0.output.1) }
        return Set(keys).count < keys.count
    }

    /// Inputs Foundation tolerates that RFC 8259 does not: a trailing comma before `}` or `]`, and raw control
    /// characters inside strings.
    static func leniencyOfFoundation(_ text: String) -> Bool {
        text.contains(/,\s*[}\]]/) || text.unicodeScalars.contains { $0.value < 0x20 }
    }
}
